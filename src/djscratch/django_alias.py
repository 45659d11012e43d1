"""The django.* alias: `import djscratch` makes `django` and its
modules resolve to djscratch's names.  No Django counterpart.
"""

import sys

from djscratch.utils.module_loading import _package
from djscratch.core.exceptions import ImproperlyConfigured
from djscratch.conf import GLOBAL_SETTINGS
from djscratch.core.cache import _REFUSED_CACHE_BACKENDS
from djscratch.two_engines import _engine_is_django


# `import djscratch` installs an import hook so that `django` and the modules
# below resolve to this file, even where real Django is not installed.  Each
# alias module is an empty module whose attributes are looked up here on first
# use: a name djscratch does not (yet) define raises AttributeError, so
# `from django.http import Missing` fails with ImportError naming it, never a
# silent stub.  A django module missing from this table is refused by name.
#
# With DJSCRATCH_ENGINE=django the hook is not installed and App() configures
# real Django instead (see "Two engines").

def _names(text):
    return text.split()


#: django.template.defaultfilters: each filter is djscratch's _f_<name>.
_DEFAULT_FILTER_NAMES = (
    "add addslashes capfirst center cut date default default_if_none "
    "dictsort dictsortreversed divisibleby escape escapejs escapeseq "
    "filesizeformat first floatformat force_escape get_digit iriencode join "
    "json_script last length linebreaks linebreaksbr linenumbers ljust "
    "lower make_list phone2numeric pluralize pprint random rjust safe "
    "safeseq slice slugify stringformat striptags time timesince timeuntil "
    "title truncatechars truncatechars_html truncatewords "
    "truncatewords_html unordered_list upper urlencode urlize urlizetrunc "
    "wordcount wordwrap yesno").split()

#: Filters whose function Django names <filter>_filter (|escapejs, |slice, ...).
_FILTER_FUNCTION_NAMES = (
    "escapejs_filter escape_filter linebreaks_filter slice_filter "
    "timesince_filter timeuntil_filter phone2numeric_filter").split()

class _NameTable(dict):
    """DJANGO_MODULES: a dict of django module -> the list of names djscratch
    provides in it, whose lists are written as one string of names each and
    split when the entry is first read (a site imports a few of the 390
    modules; splitting them all was some 200 KiB of lists and strings)."""

    def __getitem__(self, module):
        names = dict.__getitem__(self, module)
        if type(names) is str:
            names = names.split()
            dict.__setitem__(self, module, names)
        return names

    def get(self, module, default=None):
        return self[module] if module in self else default

    def setdefault(self, module, default=None):
        if module not in self:
            dict.__setitem__(self, module, default)
        return self[module]

    def values(self):
        return [self[module] for module in self]

    def items(self):
        return [(module, self[module]) for module in self]


#: Django module -> the names djscratch provides in it.  Sections add names
#: here when they implement them.
DJANGO_MODULES = _NameTable({
    "django": "VERSION get_version setup __version__",
    "django.utils.version": (
        "get_version get_main_version get_complete_version get_docs_version "
        "get_version_tuple PY38 PY39 PY310 PY311 PY312 PY313 PY314 PYPY "
        "get_git_changeset"),
    "django.apps": "apps AppConfig",
    "django.apps.registry": "apps Apps",
    "django.apps.config": "AppConfig",
    "django.conf": (
        "settings ENVIRONMENT_VARIABLE LazySettings Settings UserSettingsHolder "
        "DEFAULT_STORAGE_ALIAS STATICFILES_STORAGE_ALIAS "
        "FORMS_URLFIELD_ASSUME_HTTPS_DEPRECATED_MSG"),
    "django.conf.global_settings": [],  # filled from GLOBAL_SETTINGS
    "django.conf.urls": "include",
    "django.conf.urls.static": "static",
    "django.conf.urls.i18n": (
        "i18n_patterns is_language_prefix_patterns_used urlpatterns"),
    "django.dispatch": "Signal receiver",
    "django.core": [],
    "django.core.exceptions": (
        "ImproperlyConfigured AppRegistryNotReady ObjectDoesNotExist "
        "MultipleObjectsReturned FieldDoesNotExist FieldError EmptyResultSet "
        "FullResultSet ViewDoesNotExist MiddlewareNotUsed PermissionDenied "
        "BadRequest SuspiciousOperation SuspiciousMultipartForm "
        "SuspiciousFileOperation DisallowedHost DisallowedRedirect "
        "RequestDataTooBig TooManyFieldsSent TooManyFilesSent RequestAborted "
        "ValidationError NON_FIELD_ERRORS"),
    "django.core.signals": (
        "request_started request_finished got_request_exception setting_changed"),
    "django.core.signing": (
        "Signer TimestampSigner BadSignature SignatureExpired dumps loads "
        "b64_encode b64_decode base64_hmac get_cookie_signer JSONSerializer "
        "b62_encode b62_decode _cookie_signer_salt _cookie_signer_legacy_salt "
        "_unsign_cookie"),
    "django.core.wsgi": "get_wsgi_application",
    "django.core.servers": [],
    "django.core.servers.basehttp": (
        "WSGIServer ThreadedWSGIServer ServerHandler WSGIRequestHandler run "
        "get_internal_wsgi_application is_broken_pipe_error get_wsgi_application "
        "import_string LimitedStream connections"),
    "django.core.handlers": [],
    "django.core.handlers.wsgi": (
        "WSGIHandler WSGIRequest get_script_name LimitedStream"),
    "django.core.management": (
        "call_command execute_from_command_line BaseCommand CommandError "
        "get_commands load_command_class find_commands"),
    "django.core.management.sql": "emit_post_migrate_signal",
    "django.core.management.commands": [],
    # sys: Django's tests patch loaddata.sys.stdin to feed "loaddata -".
    "django.core.management.commands.loaddata": "Command sys",
    "django.core.management.commands.dumpdata": "Command ProxyModelWarning",
    "django.core.management.commands.runserver": "Command",
    "django.core.management.commands.testserver": "Command",
    "django.core.management.utils": (
        "popen_wrapper handle_extensions find_command get_random_secret_key "
        "parse_apps_and_model_labels get_command_line_option run_formatters "
        "normalize_path_patterns is_ignored_path"),
    "django.core.management.base": (
        "BaseCommand CommandError SystemCheckError CommandParser OutputWrapper "
        "LabelCommand AppCommand DjangoHelpFormatter handle_default_options "
        "ALL_CHECKS no_translations"),
    "django.core.management.color": (
        "color_style no_style make_style supports_color Style"),
    "django.core.checks": (
        "CheckMessage Debug Info Warning Error Critical DEBUG INFO WARNING ERROR "
        "CRITICAL Tags register run_checks tag_exists"),
    "django.core.checks.messages": (
        "CheckMessage Debug Info Warning Error Critical DEBUG INFO WARNING ERROR "
        "CRITICAL"),
    "django.core.checks.registry": (
        "CheckRegistry Tags register run_checks tag_exists registry"),
    "django.core.checks.caches": (
        "check_default_cache_is_configured check_cache_location_not_exposed "
        "check_file_based_cache_is_absolute E001"),
    "django.core.checks.async_checks": "check_async_unsafe E001",
    "django.core.checks.compatibility": [],
    "django.core.checks.compatibility.django_4_0": (
        "check_csrf_trusted_origins"),
    "django.core.checks.database": "check_database_backends",
    "django.core.checks.files": "check_setting_file_upload_temp_dir",
    "django.core.checks.translation": (
        "check_setting_language_code check_setting_languages "
        "check_setting_languages_bidi check_language_settings_consistent "
        "E001 E002 E003 E004"),
    "django.core.checks.model_checks": "check_all_models",
    "django.core.checks.templates": "check_templates",
    "django.core.checks.security": [],
    "django.core.checks.security.base": (
        "check_security_middleware check_xframe_options_middleware check_sts "
        "check_sts_include_subdomains check_sts_preload check_content_type_nosniff "
        "check_ssl_redirect check_secret_key check_secret_key_fallbacks "
        "check_debug check_xframe_deny check_allowed_hosts check_referrer_policy "
        "check_cross_origin_opener_policy CROSS_ORIGIN_OPENER_POLICY_VALUES "
        "REFERRER_POLICY_VALUES SECRET_KEY_INSECURE_PREFIX SECRET_KEY_MIN_LENGTH "
        "SECRET_KEY_MIN_UNIQUE_CHARACTERS SECRET_KEY_WARNING_MSG W001 W002 W004 "
        "W005 W006 W008 W009 W018 W019 W020 W021 W022 E023 E024 W025"),
    "django.core.checks.security.csrf": (
        "check_csrf_middleware check_csrf_cookie_secure check_csrf_failure_view "
        "W003 W016"),
    "django.core.checks.security.sessions": (
        "check_session_cookie_secure check_session_cookie_httponly "
        "add_session_cookie_message add_httponly_message W010 W011 W012 W013 W014 "
        "W015"),
    "django.core.checks.urls": (
        "check_url_config check_resolver check_url_namespaces_unique "
        "check_url_settings check_custom_error_handlers "
        "get_warning_for_invalid_pattern E006"),
    "django.core.mail": (
        "CachedDnsName DNS_NAME EmailMessage EmailMultiAlternatives SafeMIMEText "
        "SafeMIMEMultipart DEFAULT_ATTACHMENT_MIME_TYPE make_msgid BadHeaderError "
        "forbid_multi_line_headers get_connection send_mail send_mass_mail "
        "mail_admins mail_managers EmailAlternative EmailAttachment"),
    "django.core.mail.message": (
        "BadHeaderError EmailMessage EmailMultiAlternatives SafeMIMEText MIMEText "
        "SafeMIMEMultipart SafeMIMEMessage MIMEMixin DEFAULT_ATTACHMENT_MIME_TYPE "
        "RFC5322_EMAIL_LINE_LENGTH_LIMIT ADDRESS_HEADERS EmailAlternative "
        "EmailAttachment forbid_multi_line_headers sanitize_address make_msgid "
        "DNS_NAME"),
    "django.core.mail.utils": "CachedDnsName DNS_NAME",
    "django.core.mail.backends": [],
    "django.core.mail.backends.base": "BaseEmailBackend",
    "django.core.mail.backends.smtp": "EmailBackend",
    "django.core.mail.backends.console": "EmailBackend",
    "django.core.mail.backends.filebased": "EmailBackend",
    "django.core.mail.backends.locmem": "EmailBackend",
    "django.core.mail.backends.dummy": "EmailBackend",
    "django.core.paginator": (
        "Paginator Page EmptyPage PageNotAnInteger InvalidPage "
        "UnorderedObjectListWarning"),
    "django.core.files": "File",
    "django.core.files.uploadedfile": (
        "UploadedFile SimpleUploadedFile InMemoryUploadedFile TemporaryUploadedFile"),
    "django.core.files.base": "File ContentFile",
    "django.core.files.storage": (
        "Storage FileSystemStorage InMemoryStorage StorageHandler "
        "InvalidStorageError storages default_storage DefaultStorage"),
    "django.core.files.storage.base": "Storage",
    "django.core.files.storage.filesystem": "FileSystemStorage",
    "django.core.files.storage.memory": "InMemoryStorage",
    "django.core.files.storage.handler": "InvalidStorageError StorageHandler",
    "django.core.files.locks": "LOCK_EX LOCK_SH LOCK_NB lock unlock",
    "django.core.files.move": "file_move_safe",
    "django.core.files.temp": "NamedTemporaryFile gettempdir",
    "django.core.files.images": "ImageFile get_image_dimensions",
    "django.core.files.utils": "validate_file_name FileProxyMixin",
    "django.core.files.uploadhandler": (
        "UploadFileException StopUpload SkipFile StopFutureHandlers "
        "FileUploadHandler TemporaryFileUploadHandler MemoryFileUploadHandler "
        "load_handler"),
    "django.core.serializers": (
        "serialize deserialize get_serializer get_deserializer "
        "get_serializer_formats get_public_serializer_formats register_serializer "
        "unregister_serializer sort_dependencies BUILTIN_SERIALIZERS BadSerializer "
        "SerializerDoesNotExist base python json jsonl xml_serializer"),
    "django.core.serializers.base": (
        "SerializerDoesNotExist SerializationError DeserializationError "
        "M2MDeserializationError ProgressBar Serializer Deserializer "
        "DeserializedObject build_instance deserialize_m2m_values "
        "deserialize_fk_value DEFER_FIELD"),
    "django.core.serializers.python": "Serializer Deserializer",
    "django.core.serializers.json": (
        "DjangoJSONEncoder Serializer Deserializer"),
    "django.core.serializers.jsonl": "Serializer Deserializer",
    "django.core.serializers.xml_serializer": (
        "Serializer Deserializer DefusedExpatParser DefusedXmlException "
        "DTDForbidden EntitiesForbidden ExternalReferenceForbidden "
        "fast_cache_clearing getInnerText getInnerTextList"),
    "django.utils.xmlutils": "SimplerXMLGenerator UnserializableContentError",
    "django.core.validators": (
        "EMPTY_VALUES BaseValidator ip_address_validators "
        "validate_image_file_extension get_available_image_extensions "
        "MinLengthValidator MaxLengthValidator MinValueValidator "
        "MaxValueValidator RegexValidator EmailValidator URLValidator "
        "validate_email validate_slug validate_unicode_slug "
        "validate_ipv4_address validate_ipv6_address validate_ipv46_address "
        "validate_integer DecimalValidator FileExtensionValidator "
        "ProhibitNullCharactersValidator StepValueValidator int_list_validator "
        "validate_comma_separated_integer_list DomainNameValidator "
        "validate_domain_name"),
    "django.http": (
        "HttpRequest QueryDict HttpResponse HttpResponseBase "
        "HttpResponseRedirect HttpResponsePermanentRedirect "
        "HttpResponseNotModified HttpResponseBadRequest HttpResponseNotFound "
        "HttpResponseForbidden HttpResponseNotAllowed HttpResponseGone "
        "HttpResponseServerError JsonResponse StreamingHttpResponse "
        "FileResponse Http404 BadHeaderError UnreadablePostError "
        "HttpHeaders parse_cookie SimpleCookie RawPostDataException"),
    "django.http.request": (
        "HttpRequest QueryDict HttpHeaders RawPostDataException "
        "UnreadablePostError MediaType split_domain_port validate_host"),
    "django.http.response": (
        "HttpResponse HttpResponseBase HttpResponseRedirect "
        "HttpResponsePermanentRedirect HttpResponseNotModified "
        "HttpResponseBadRequest HttpResponseNotFound HttpResponseForbidden "
        "HttpResponseNotAllowed HttpResponseGone HttpResponseServerError "
        "JsonResponse StreamingHttpResponse FileResponse BadHeaderError "
        "ResponseHeaders HttpResponseRedirectBase"),
    "django.urls": (
        "path re_path include reverse reverse_lazy resolve NoReverseMatch "
        "LocalePrefixPattern "
        "Resolver404 ResolverMatch URLPattern URLResolver register_converter "
        "get_resolver get_script_prefix set_script_prefix clear_script_prefix "
        "clear_url_caches get_urlconf set_urlconf is_valid_path get_callable "
        "get_mod_func translate_url"),
    "django.urls.utils": "get_callable get_mod_func",
    "django.urls.resolvers": (
        "RoutePattern RegexPattern ResolverMatch URLPattern URLResolver "
        "LocalePrefixPattern get_resolver LocaleRegexDescriptor re"),
    "django.urls.converters": (
        "IntConverter StringConverter SlugConverter UUIDConverter "
        "PathConverter register_converter get_converters DEFAULT_CONVERTERS "
        "REGISTERED_CONVERTERS"),
    "django.shortcuts": (
        "render redirect get_object_or_404 get_list_or_404 resolve_url"),
    "django.utils": [],
    "django.utils.regex_helper": "_lazy_re_compile normalize",
    "django.utils.html": (
        "escape conditional_escape format_html format_html_join escapejs "
        "json_script strip_tags linebreaks urlize mark_safe avoid_wrapping "
        "html_safe smart_urlquote strip_spaces_between_tags Urlizer urlizer "
        "VOID_ELEMENTS"),
    "django.utils.safestring": "SafeString SafeText SafeData mark_safe",
    "django.utils.choices": (
        "BaseChoiceIterator BlankChoiceIterator CallableChoiceIterator "
        "flatten_choices normalize_choices"),
    "django.utils.functional": (
        "cached_property classproperty lazy lazystr Promise SimpleLazyObject "
        "LazyObject empty new_method_proxy keep_lazy keep_lazy_text wraps"),
    "django.utils.module_loading": (
        "import_string cached_import autodiscover_modules module_has_submodule "
        "module_dir"),
    "django.utils.hashable": "make_hashable",
    "django.template.autoreload": (
        "get_template_directories reset_loaders watch_for_template_changes "
        "template_changed autoreload_started file_changed is_django_path to_path"),
    "django.utils.archive": (
        "extract Archive BaseArchive TarArchive ZipArchive ArchiveException "
        "UnrecognizedArchiveFormat"),
    "django.utils.feedgenerator": (
        "SyndicationFeed RssFeed Rss201rev2Feed RssUserland091Feed Atom1Feed "
        "DefaultFeed Enclosure Stylesheet rfc2822_date rfc3339_date get_tag_uri"),
    "django.utils.lorem_ipsum": (
        "COMMON_P WORDS COMMON_WORDS sentence paragraph paragraphs words random"),
    "django.utils.termcolors": (
        "color_names foreground background RESET opt_dict colorize make_style "
        "NOCOLOR_PALETTE DARK_PALETTE LIGHT_PALETTE PALETTES DEFAULT_PALETTE "
        "parse_color_setting"),
    "django.utils.autoreload": (
        "autoreload_started file_changed DJANGO_AUTORELOAD_ENV is_django_module "
        "is_django_path check_errors raise_last_exception ensure_echo_on "
        "iter_all_python_module_files iter_modules_and_files common_roots "
        "sys_path_directories get_child_arguments trigger_reload "
        "restart_with_reloader BaseReloader StatReloader WatchmanUnavailable "
        "WatchmanReloader get_reloader start_django run_with_reloader pywatchman "
        "termios _error_files _exception sys subprocess"),
    "django.utils.itercompat": "is_iterable",
    "django.utils.inspect": (
        "get_func_args get_func_full_args func_accepts_kwargs func_accepts_var_args "
        "method_has_no_args func_supports_parameter _get_callable_parameters "
        "_get_func_parameters ARG_KINDS"),
    "django.utils._os": "safe_join safe_makedirs symlinks_supported to_path",
    "django.utils.deconstruct": "deconstructible",
    "django.utils.encoding": (
        "force_str smart_str force_bytes iri_to_uri uri_to_iri escape_uri_path "
        "filepath_to_uri DjangoUnicodeDecodeError smart_bytes get_system_encoding "
        "repercent_broken_unicode is_protected_type DEFAULT_LOCALE_ENCODING quote"),
    "django.utils.datastructures": (
        "MultiValueDict MultiValueDictKeyError CaseInsensitiveMapping ImmutableList "
        "OrderedSet DictWrapper"),
    "django.utils.timezone": (
        "now is_aware is_naive make_aware make_naive localtime localdate "
        "get_default_timezone get_default_timezone_name get_current_timezone "
        "get_current_timezone_name activate deactivate override get_fixed_timezone "
        "timedelta _get_timezone_name"),
    "django.utils.translation": (
        "get_language_info "
        "gettext gettext_lazy ngettext ngettext_lazy pgettext pgettext_lazy "
        "gettext_noop npgettext npgettext_lazy activate deactivate deactivate_all "
        "override get_language get_language_bidi check_for_language to_locale "
        "get_language_from_request get_language_from_path "
        "get_supported_language_variant get_languages"),
    # No message catalogs: the module exists (tests reset its caches), empty.
    "django.utils.translation.trans_real": [],
    "django.utils.http": (
        "urlencode url_has_allowed_host_and_scheme http_date parse_http_date "
        "parse_http_date_safe base36_to_int int_to_base36 "
        "urlsafe_base64_encode urlsafe_base64_decode quote_etag "
        "content_disposition_header is_same_domain escape_leading_slashes "
        "parse_etags parse_header_parameters MAX_URL_LENGTH MAX_URL_REDIRECT_LENGTH "
        "datetime"),
    "django.utils.crypto": (
        "get_random_string constant_time_compare salted_hmac "
        "RANDOM_STRING_CHARS InvalidAlgorithm pbkdf2"),
    "django.utils.text": (
        "slugify Truncator capfirst get_text_list phone2numeric wrap "
        "get_valid_filename normalize_newlines smart_split format_lazy "
        "unescape_string_literal compress_string compress_sequence StreamingBuffer"),
    "django.utils.dateformat": "format time_format DateFormat TimeFormat",
    "django.utils.dateparse": (
        "parse_date parse_datetime parse_time parse_duration"),
    "django.utils.formats": (
        "date_format time_format get_format localize number_format "
        "localize_input sanitize_separators FORMAT_SETTINGS ISO_INPUT_FORMATS "
        "reset_format_cache iter_format_modules get_format_modules "
        "sanitize_strftime_format get_format_lazy"),
    "django.utils.cache": (
        "patch_cache_control patch_vary_headers add_never_cache_headers "
        "get_conditional_response get_max_age patch_response_headers "
        "has_vary_header get_cache_key learn_cache_key set_response_etag "
        "cc_delim_re"),
    "django.core.cache": (
        "cache caches DEFAULT_CACHE_ALIAS InvalidCacheBackendError "
        "CacheKeyWarning BaseCache InvalidCacheKey CacheHandler close_caches"),
    "django.core.cache.backends": [],
    "django.core.cache.backends.base": (
        "BaseCache CacheKeyWarning InvalidCacheBackendError InvalidCacheKey "
        "DEFAULT_TIMEOUT MEMCACHE_MAX_KEY_LENGTH default_key_func get_key_func "
        "memcache_key_warnings"),
    "django.core.cache.backends.locmem": "LocMemCache",
    "django.core.cache.backends.filebased": "FileBasedCache",
    "django.core.cache.backends.db": "BaseDatabaseCache DatabaseCache",
    "django.core.cache.backends.dummy": "DummyCache",
    "django.core.cache.backends.memcached": (
        "BaseMemcachedCache PyLibMCCache PyMemcacheCache"),
    "django.core.cache.backends.redis": (
        "RedisCache RedisCacheClient RedisSerializer"),
    "django.db.backends.utils": "CursorWrapper names_digest",
    "django.db.backends.ddl_references": "Statement",
    "django.core.cache.utils": (
        "make_template_fragment_key TEMPLATE_FRAGMENT_KEY_TEMPLATE"),
    "django.middleware.cache": (
        "UpdateCacheMiddleware FetchFromCacheMiddleware CacheMiddleware"),
    "django.templatetags.cache": "CacheNode register",
    "django.utils.decorators": (
        "method_decorator decorator_from_middleware "
        "decorator_from_middleware_with_args sync_only_middleware "
        "async_only_middleware sync_and_async_middleware classonlymethod"),
    "django.utils.deprecation": (
        "MiddlewareMixin RemovedInDjango60Warning RemovedInDjango61Warning "
        "RemovedInNextVersionWarning RemovedAfterNextVersionWarning"),
    "django.views": "View",
    "django.views.i18n": (
        "set_language LANGUAGE_QUERY_PARAMETER JavaScriptCatalog JSONCatalog "
        "get_formats null_javascript_catalog"),
    "django.views.csrf": "csrf_failure CSRF_FAILURE_TEMPLATE_NAME",
    "django.views.generic": (
        "View TemplateView RedirectView ListView DetailView FormView "
        "CreateView UpdateView DeleteView ArchiveIndexView YearArchiveView "
        "MonthArchiveView WeekArchiveView DayArchiveView TodayArchiveView "
        "DateDetailView"),
    "django.views.generic.dates": (
        "YearMixin MonthMixin DayMixin WeekMixin DateMixin BaseDateListView "
        "BaseArchiveIndexView ArchiveIndexView BaseYearArchiveView YearArchiveView "
        "BaseMonthArchiveView MonthArchiveView BaseWeekArchiveView WeekArchiveView "
        "BaseDayArchiveView DayArchiveView BaseTodayArchiveView TodayArchiveView "
        "BaseDateDetailView DateDetailView timezone_today"),
    "django.views.generic.base": (
        "View TemplateView RedirectView ContextMixin TemplateResponseMixin"),
    "django.views.generic.list": (
        "ListView BaseListView MultipleObjectMixin "
        "MultipleObjectTemplateResponseMixin"),
    "django.views.generic.detail": (
        "DetailView BaseDetailView SingleObjectMixin "
        "SingleObjectTemplateResponseMixin"),
    "django.views.generic.edit": (
        "FormView CreateView UpdateView DeleteView FormMixin ModelFormMixin "
        "ProcessFormView DeletionMixin BaseFormView BaseCreateView "
        "BaseUpdateView BaseDeleteView"),
    "django.views.decorators": [],
    "django.views.decorators.http": (
        "require_http_methods require_GET require_POST require_safe condition "
        "etag last_modified conditional_page"),
    "django.views.decorators.csrf": (
        "csrf_exempt csrf_protect ensure_csrf_cookie requires_csrf_token"),
    "django.views.decorators.cache": (
        "never_cache cache_control cache_page"),
    "django.views.decorators.common": "no_append_slash",
    "django.views.decorators.gzip": "gzip_page",
    "django.views.decorators.vary": "vary_on_headers vary_on_cookie",
    "django.views.decorators.clickjacking": (
        "xframe_options_exempt xframe_options_deny xframe_options_sameorigin"),
    "django.views.decorators.debug": (
        "sensitive_variables sensitive_post_parameters "
        "coroutine_functions_to_sensitive_variables"),
    "django.views.static": "serve was_modified_since directory_index",
    "django.views.defaults": (
        "page_not_found server_error bad_request permission_denied"),
    "django.utils.log": (
        "DEFAULT_LOGGING configure_logging log_response log_message "
        "AdminEmailHandler CallbackFilter RequireDebugFalse RequireDebugTrue "
        "ServerFormatter"),
    "django.views.debug": (
        "technical_404_response technical_500_response default_urlconf "
        "ExceptionReporter SafeExceptionReporterFilter CallableSettingWrapper "
        "ExceptionCycleWarning DEBUG_ENGINE builtin_template_path get_caller "
        "get_default_exception_reporter_filter get_exception_reporter_filter "
        "get_exception_reporter_class Path"),
    "django.http.multipartparser": (
        "MultiPartParserError MultiPartParser InputStreamExhausted Parser RAW FILE "
        "FIELD FIELD_TYPES MAX_TOTAL_HEADER_SIZE LazyStream ChunkIter"),
    "django.core.handlers.base": "BaseHandler reset_urlconf",
    "django.core.handlers.asgi": (
        "ASGIRequest ASGIHandler get_script_prefix"),
    "django.core.asgi": "get_asgi_application",
    "django.core.handlers.exception": (
        "response_for_exception convert_exception_to_response"),
    "django.contrib.staticfiles.views": "serve",
    "django.db": (
        "connection connections transaction models router IntegrityError "
        "reset_queries close_old_connections "
        "DatabaseError OperationalError ProgrammingError InterfaceError "
        "DataError NotSupportedError Error InternalError DEFAULT_DB_ALIAS "
        "ConnectionHandler ConnectionRouter DJANGO_VERSION_PICKLE_KEY"),
    # djscratch has no migrations (migrate syncs the schema): the modules
    # import, so code that only imports them loads; each name of
    # django.db.migrations is refused by name, the two state classes on use.
    "django.db.migrations": [],
    "django.db.migrations.state": "ModelState ProjectState",
    "django.db.transaction": (
        "atomic on_commit set_rollback get_rollback savepoint savepoint_commit "
        "savepoint_rollback get_autocommit set_autocommit TransactionManagementError "
        "commit rollback mark_for_rollback_on_error Atomic non_atomic_requests"),
    "django.db.models.base": (
        "Model ModelBase ModelState subclass_exception model_unpickle Deferred "
        "DEFERRED"),
    "django.db.models": (
        "Model DEFERRED Manager QuerySet prefetch_related_objects FilteredRelation "
        "ForeignObject ForeignObjectRel ManyToOneRel OneToOneRel ManyToManyRel "
        "Q F Value Count Sum Avg "
        "Min Max StdDev Variance "
        "ExpressionWrapper Func Case When Subquery Exists OuterRef "
        "AutoField BigAutoField SmallAutoField CharField TextField IntegerField "
        "SmallIntegerField BigIntegerField PositiveIntegerField OrderWrt "
        "PositiveSmallIntegerField PositiveBigIntegerField FloatField "
        "DecimalField BooleanField NullBooleanField DateField DateTimeField "
        "TimeField DurationField EmailField URLField SlugField UUIDField "
        "JSONField BinaryField GenericIPAddressField FileField ImageField "
        "FilePathField GeneratedField IPAddressField ForeignKey OneToOneField "
        "ManyToManyField "
        "Field CASCADE PROTECT "
        "RESTRICT SET_NULL SET_DEFAULT SET DO_NOTHING ProtectedError "
        "RestrictedError ObjectDoesNotExist Index UniqueConstraint BaseConstraint "
        "CheckConstraint Prefetch TextChoices IntegerChoices Choices "
        "Deferrable signals functions lookups Lookup Transform CompositePrimaryKey "
        "CommaSeparatedIntegerField IPAddressField BLANK_CHOICE_DASH NOT_PROVIDED "
        "Aggregate Expression ExpressionList OrderBy RowRange ValueRange Window "
        "WindowFrame WindowFrameExclusion expressions aggregates"),
    "django.db.models.expressions": (
        "BaseExpression Combinable Expression Func ExpressionList Value F Ref RawSQL "
        "OrderBy OrderByList Window WindowFrame WindowFrameExclusion RowRange "
        "ValueRange ExpressionWrapper CombinedExpression NegatedExpression Case When "
        "Subquery Exists OuterRef Col ColPairs Q OutputFieldIsNoneError"),
    "django.db.models.fields.json": (
        "JSONField KeyTransform KeyTextTransform KT KeyTransformFactory "
        "KeyTransformTextLookupMixin compile_json_path DataContains ContainedBy "
        "HasKeyLookup HasKey HasKeys HasAnyKeys HasKeyOrArrayIndex "
        "CaseInsensitiveMixin JSONExact JSONIContains KeyTransformIsNull "
        "KeyTransformIn KeyTransformExact KeyTransformIExact KeyTransformIContains "
        "KeyTransformStartsWith KeyTransformIStartsWith KeyTransformEndsWith "
        "KeyTransformIEndsWith KeyTransformRegex KeyTransformIRegex "
        "KeyTransformNumericLookupMixin KeyTransformLt KeyTransformLte "
        "KeyTransformGt KeyTransformGte"),
    "django.db.models.aggregates": (
        "Aggregate Count Sum Avg Min Max StdDev Variance"),
    "django.db.models.lookups": (
        "Lookup Transform BuiltinLookup PatternLookup Exact IExact GreaterThan "
        "GreaterThanOrEqual LessThan LessThanOrEqual In Contains IContains "
        "StartsWith IStartsWith EndsWith IEndsWith Range IsNull Regex IRegex "
        "UUIDTextMixin UUIDIExact UUIDContains UUIDIContains UUIDStartsWith "
        "UUIDIStartsWith UUIDEndsWith UUIDIEndsWith "
        "IntegerFieldOverflow IntegerFieldFloatRounding IntegerFieldExact "
        "IntegerGreaterThan IntegerGreaterThanOrEqual IntegerLessThan "
        "IntegerLessThanOrEqual YearLookup YearExact YearGt YearGte YearLt YearLte"),
    "django.db.models.fields.related_lookups": (
        "get_normalized_value RelatedIn RelatedLookupMixin RelatedExact "
        "RelatedLessThan RelatedGreaterThan RelatedGreaterThanOrEqual "
        "RelatedLessThanOrEqual RelatedIsNull"),
    "django.db.models.query_utils": (
        "DeferredAttribute Q RegisterLookupMixin FilteredRelation PathInfo"),
    "django.db.models.signals": (
        "pre_init post_init pre_save post_save pre_delete post_delete "
        "m2m_changed class_prepared pre_migrate post_migrate ModelSignal"),
    "django.db.models.functions": (
        "Lower Upper Length Concat Coalesce Now Trunc TruncDate Cast TruncYear "
        "TruncQuarter TruncMonth TruncWeek TruncDay TruncHour TruncMinute "
        "TruncSecond TruncTime Extract ExtractYear ExtractIsoYear ExtractMonth "
        "ExtractDay ExtractWeek ExtractWeekDay ExtractIsoWeekDay ExtractQuarter "
        "ExtractHour ExtractMinute ExtractSecond Collate Greatest Least NullIf "
        "JSONArray JSONObject Abs ACos ASin ATan ATan2 Ceil Cos Cot Degrees Exp "
        "Floor Ln Log Mod Pi Power Radians Random Round Sign Sin Sqrt Tan Chr "
        "ConcatPair Left LPad LTrim MD5 Ord Repeat Replace Reverse Right RPad RTrim "
        "SHA1 SHA224 SHA256 SHA384 SHA512 StrIndex Substr Trim CumeDist DenseRank "
        "FirstValue Lag LastValue Lead NthValue Ntile PercentRank Rank RowNumber"),
    "django.db.models.deletion": (
        "CASCADE PROTECT RESTRICT SET_NULL SET_DEFAULT SET DO_NOTHING "
        "ProtectedError RestrictedError Collector"),
    "django.db.models.query": (
        "QuerySet Prefetch EmptyQuerySet RawQuerySet prefetch_related_objects "
        "MAX_GET_RESULTS BaseIterable ModelIterable RawModelIterable ValuesIterable "
        "ValuesListIterable NamedValuesListIterable FlatValuesListIterable "
        "get_prefetcher prefetch_one_level"),
    "django.db.models.sql": "Query InsertQuery RawQuery AND OR XOR",
    "django.db.models.sql.constants": (
        "GET_ITERATOR_CHUNK_SIZE MULTI SINGLE NO_RESULTS CURSOR ROW_COUNT ORDER_DIR "
        "INNER LOUTER"),
    "django.db.models.sql.where": (
        "AND OR XOR WhereNode NothingNode ExtraWhere"),
    "django.db.models.sql.query": (
        "Query InsertQuery RawQuery JoinPromoter get_field_names_from_opts"),
    "django.db.models.sql.compiler": "cursor_iter",
    "django.db.models.sql.datastructures": "Join BaseTable",
    "django.utils.tree": "Node",
    "django.db.models.manager": "Manager BaseManager",
    "django.db.models.fields": (
        "Field NOT_PROVIDED BLANK_CHOICE_DASH AutoField BigAutoField SmallAutoField "
        "BigIntegerField BinaryField BooleanField CharField CommaSeparatedIntegerField "
        "DateField DateTimeField DecimalField DurationField EmailField FloatField "
        "GenericIPAddressField IPAddressField IntegerField NullBooleanField "
        "PositiveBigIntegerField PositiveIntegerField PositiveSmallIntegerField "
        "SlugField SmallIntegerField TextField TimeField URLField UUIDField "
        "DeferredAttribute FilePathField"),
    "django.db.models.fields.proxy": "OrderWrt",
    "django.db.models.fields.related": (
        "RelatedField ForeignKey OneToOneField ManyToManyField ForeignObject "
        "ForeignObjectRel ManyToOneRel OneToOneRel ManyToManyRel "
        "RECURSIVE_RELATIONSHIP_CONSTANT lazy_related_operation "
        "ForwardManyToOneDescriptor ForwardOneToOneDescriptor "
        "ReverseOneToOneDescriptor ReverseManyToOneDescriptor ManyToManyDescriptor "
        "ForeignKeyDeferredAttribute"),
    "django.db.models.fields.reverse_related": (
        "ForeignObjectRel ManyToOneRel OneToOneRel ManyToManyRel"),
    "django.db.models.fields.related_descriptors": (
        "ForwardManyToOneDescriptor ForwardOneToOneDescriptor "
        "ReverseOneToOneDescriptor ReverseManyToOneDescriptor ManyToManyDescriptor "
        "ForeignKeyDeferredAttribute"),
    "django.db.models.constants": "LOOKUP_SEP OnConflict",
    "django.db.models.fields.files": (
        "FieldFile FileDescriptor FileField ImageFieldFile ImageFileDescriptor "
        "ImageField"),
    "django.db.models.fields.composite": "CompositePrimaryKey",
    "django.db.models.fields.tuple_lookups": (
        "Tuple TupleLookupMixin TupleExact TupleGreaterThan TupleGreaterThanOrEqual "
        "TupleLessThan TupleLessThanOrEqual TupleIn TupleIsNull tuple_lookups"),
    "django.db.models.options": (
        "Options DEFAULT_NAMES EMPTY_RELATION_TREE IMMUTABLE_WARNING"),
    "django.db.utils": (
        "IntegrityError DatabaseError OperationalError ProgrammingError "
        "InterfaceError DataError NotSupportedError Error InternalError "
        "ConnectionHandler ConnectionRouter ConnectionDoesNotExist DEFAULT_DB_ALIAS "
        "load_backend DJANGO_VERSION_PICKLE_KEY"),
    "django.db.migrations.recorder": "MigrationRecorder",
    "django.db.models.fields.generated": "GeneratedField",
    "django.db.models.fields.mixins": "FieldCacheMixin CheckFieldDefaultMixin",
    "django.db.models.constraints": (
        "BaseConstraint CheckConstraint Deferrable UniqueConstraint"),
    "django.db.models.utils": (
        "make_model_tuple resolve_callables unpickle_named_row "
        "create_namedtuple_class AltersData"),
    "django.db.backends": [],
    "django.db.backends.sqlite3": [],
    # One wrapper class serves as Django's base and its SQLite wrapper: what
    # patches BaseDatabaseWrapper (pytest-django's database blocker) patches it.
    "django.db.backends.base": [],
    "django.db.backends.base.base": "BaseDatabaseWrapper",
    "django.db.backends.base.validation": "BaseDatabaseValidation",
    "django.db.backends.signals": "connection_created",
    "django.template": (
        "Template Context RequestContext Engine Library Node NodeList Origin "
        "TemplateDoesNotExist TemplateSyntaxError Variable VariableDoesNotExist "
        "ContextPopException EngineHandler engines loader"),
    "django.template.base": (
        "Template Node NodeList TextNode VariableNode Origin Parser Token "
        "TokenType Lexer DebugLexer smart_split render_value_in_context "
        "linebreak_iter token_kwargs FILTER_SEPARATOR FILTER_ARGUMENT_SEPARATOR "
        "VARIABLE_ATTRIBUTE_SEPARATOR BLOCK_TAG_START BLOCK_TAG_END "
        "VARIABLE_TAG_START VARIABLE_TAG_END COMMENT_TAG_START COMMENT_TAG_END "
        "SINGLE_BRACE_START SINGLE_BRACE_END "
        "FilterExpression Variable VariableDoesNotExist TemplateSyntaxError "
        "UNKNOWN_SOURCE TokenType"),
    "django.template.engine": "Engine",
    "django.template.library": (
        "Library InvalidTemplateLibrary parse_bits SimpleNode SimpleBlockNode "
        "InclusionNode import_library"),
    "django.template.utils": (
        "EngineHandler InvalidTemplateEngineError get_app_template_dirs"),
    "django.template.smartif": (
        "IfParser Literal EndToken TokenBase infix prefix OPERATORS"),
    "django.template.loader": (
        "get_template select_template render_to_string"),
    "django.template.loader_tags": (
        "BlockNode ExtendsNode IncludeNode BlockContext BLOCK_CONTEXT_KEY "
        "construct_relative_path"),
    "django.template.defaulttags": (
        "register ForNode IfNode WithNode CycleNode FirstOfNode CommentNode DebugNode "
        "CsrfTokenNode AutoEscapeControlNode FilterNode IfChangedNode "
        "LoadNode LoremNode NowNode RegroupNode ResetCycleNode SpacelessNode "
        "TemplateTagNode URLNode VerbatimNode WidthRatioNode querystring"),
    "django.template.exceptions": (
        "TemplateDoesNotExist TemplateSyntaxError"),
    "django.template.context": (
        "Context RequestContext BaseContext RenderContext ContextPopException "
        "ContextDict make_context"),
    "django.template.defaultfilters": _names(
        "stringfilter register _property_resolver " + " ".join(_DEFAULT_FILTER_NAMES)
        + " "
        + " ".join(_FILTER_FUNCTION_NAMES)),
    "django.template.response": (
        "TemplateResponse SimpleTemplateResponse ContentNotRenderedError"),
    "django.template.backends": [],
    "django.template.backends.django": "DjangoTemplates",
    "django.template.backends.base": "BaseEngine",
    "django.template.backends.dummy": "TemplateStrings Template",
    "django.template.backends.utils": (
        "csrf_input csrf_input_lazy csrf_token_lazy"),
    "django.template.backends.jinja2": (
        "Jinja2 Template Origin get_exception_info"),
    "django.template.context_processors": (
        "csrf debug request static tz media i18n"),
    "django.template.loaders": [],
    "django.template.loaders.base": "Loader",
    "django.template.loaders.filesystem": "Loader",
    "django.template.loaders.app_directories": "Loader",
    "django.template.loaders.locmem": "Loader",
    "django.template.loaders.cached": "Loader",
    "django.templatetags": [],
    "django.templatetags.i18n": (
        "register BlockTranslateNode TranslateNode LanguageNode language_name "
        "language_name_translated language_name_local language_bidi"),
    "django.templatetags.l10n": (
        "register LocalizeNode localize unlocalize localize_tag"),
    "django.templatetags.tz": "register localtime",
    "django.templatetags.static": (
        "static StaticNode get_static_prefix get_media_prefix"),
    "django.utils.timesince": "timesince timeuntil",
    "django.utils.numberformat": "format",
    "django.forms": (
        "SplitDateTimeWidget SplitHiddenDateTimeWidget SelectDateWidget "
        "MultiWidget ColorInput "
        "SearchInput TelInput Input ChoiceWidget ComboField MultiValueField "
        "SplitDateTimeField ModelChoiceIterator all_valid model_to_dict FilePathField "
        "BaseInlineFormSet inlineformset_factory "
        "fields_for_model DeclarativeFieldsMetaclass BoundWidget Form BaseForm "
        "ModelForm BaseModelForm Field CharField IntegerField FloatField "
        "DecimalField BooleanField NullBooleanField ChoiceField "
        "TypedChoiceField MultipleChoiceField TypedMultipleChoiceField "
        "DateField DateTimeField TimeField DurationField EmailField URLField "
        "SlugField RegexField UUIDField JSONField GenericIPAddressField "
        "FileField ImageField ModelChoiceField ModelMultipleChoiceField Widget "
        "TextInput NumberInput EmailInput URLInput PasswordInput HiddenInput "
        "Textarea CheckboxInput Select SelectMultiple RadioSelect "
        "CheckboxSelectMultiple DateInput DateTimeInput TimeInput FileInput "
        "ClearableFileInput NullBooleanSelect MultipleHiddenInput "
        "ValidationError formset_factory modelform_factory modelformset_factory "
        "BaseFormSet BaseModelFormSet BoundField Media ErrorList ErrorDict"),
    "django.forms.boundfield": "BoundField BoundWidget",
    "django.utils.duration": (
        "duration_string duration_iso_string duration_microseconds"),
    "django.utils.ipv6": (
        "clean_ipv6_address is_valid_ipv6_address MAX_IPV6_ADDRESS_LENGTH"),
    "django.forms.forms": (
        "DeclarativeFieldsMetaclass Form BaseForm"),
    "django.forms.fields": (
        "IntegerField FloatField DecimalField BooleanField NullBooleanField "
        "ChoiceField TypedChoiceField MultipleChoiceField "
        "TypedMultipleChoiceField DateField DateTimeField TimeField "
        "DurationField EmailField URLField SlugField RegexField UUIDField "
        "JSONField GenericIPAddressField FileField ImageField ComboField "
        "MultiValueField SplitDateTimeField Field CharField FilePathField"),
    "django.forms.widgets": (
        "Media MediaDefiningClass TextInput NumberInput EmailInput URLInput "
        "ColorInput SearchInput TelInput PasswordInput HiddenInput "
        "MultipleHiddenInput FileInput ClearableFileInput DateInput "
        "DateTimeInput TimeInput CheckboxInput ChoiceWidget Select "
        "NullBooleanSelect SelectMultiple RadioSelect CheckboxSelectMultiple "
        "MultiWidget SplitDateTimeWidget SplitHiddenDateTimeWidget Widget Input "
        "Textarea SelectDateWidget MediaAsset Script MediaOrderConflictWarning"),
    "django.utils.dates": (
        "WEEKDAYS WEEKDAYS_ABBR MONTHS MONTHS_3 MONTHS_AP MONTHS_ALT"),
    "django.forms.models": (
        "ModelChoiceIterator construct_instance ModelFormMetaclass ALL_FIELDS "
        "formset_factory BaseFormSet "
        "ModelForm BaseModelForm modelform_factory modelformset_factory "
        "BaseModelFormSet ModelChoiceField ModelMultipleChoiceField "
        "model_to_dict fields_for_model BaseInlineFormSet inlineformset_factory "
        "InlineForeignKeyField ModelChoiceIteratorValue _get_foreign_key"),
    "django.forms.formsets": (
        "all_valid ManagementForm TOTAL_FORM_COUNT INITIAL_FORM_COUNT "
        "MIN_NUM_FORM_COUNT MAX_NUM_FORM_COUNT ORDERING_FIELD_NAME "
        "DELETION_FIELD_NAME formset_factory BaseFormSet DEFAULT_MIN_NUM "
        "DEFAULT_MAX_NUM"),
    "django.forms.utils": (
        "pretty_name ErrorList ErrorDict flatatt RenderableMixin "
        "RenderableFieldMixin RenderableFormMixin RenderableErrorMixin"),
    "django.forms.renderers": (
        "BaseRenderer EngineMixin DjangoTemplates TemplatesSetting "
        "get_default_renderer Jinja2 DjangoDivFormRenderer Jinja2DivFormRenderer"),
    "django.middleware": [],
    "django.middleware.security": "SecurityMiddleware",
    "django.middleware.common": "CommonMiddleware BrokenLinkEmailsMiddleware",
    "django.middleware.csrf": (
        "CsrfViewMiddleware get_token rotate_token _get_new_csrf_string "
        "REASON_BAD_ORIGIN "
        "REASON_NO_REFERER REASON_BAD_REFERER REASON_NO_CSRF_COOKIE "
        "REASON_CSRF_TOKEN_MISSING REASON_MALFORMED_REFERER "
        "REASON_INSECURE_REFERER CSRF_SESSION_KEY InvalidTokenFormat "
        "RejectRequest CSRF_ALLOWED_CHARS CSRF_SECRET_LENGTH CSRF_TOKEN_LENGTH "
        "REASON_INCORRECT_LENGTH REASON_INVALID_CHARACTERS _check_token_format "
        "_does_token_match _mask_cipher_secret _unmask_cipher_token "
        "_get_new_csrf_string"),
    "django.middleware.clickjacking": "XFrameOptionsMiddleware",
    "django.middleware.gzip": "GZipMiddleware",
    "django.middleware.locale": "LocaleMiddleware",
    "django.middleware.http": "ConditionalGetMiddleware",
    "django.contrib": [],
    "django.contrib.sessions": [],
    "django.contrib.sessions.middleware": "SessionMiddleware",
    "django.contrib.sessions.backends": [],
    "django.contrib.sessions.backends.base": (
        "SessionBase UpdateError CreateError"),
    "django.contrib.sessions.exceptions": (
        "SessionInterrupted InvalidSessionKey SuspiciousSession"),
    "django.contrib.sessions.base_session": (
        "AbstractBaseSession BaseSessionManager"),
    "django.contrib.sessions.backends.file": "SessionStore",
    "django.contrib.sessions.backends.signed_cookies": "SessionStore",
    "django.contrib.sessions.backends.db": "SessionStore",
    "django.contrib.sessions.backends.cache": "SessionStore KEY_PREFIX",
    "django.contrib.sessions.backends.cached_db": "SessionStore KEY_PREFIX",
    "django.contrib.sessions.models": "Session SessionManager",
    "django.contrib.sessions.serializers": "JSONSerializer",
    "django.contrib.messages": (
        "debug info success warning error add_message get_messages "
        "DEBUG INFO SUCCESS WARNING ERROR DEFAULT_LEVELS DEFAULT_TAGS "
        "MessageFailure get_level set_level Message"),
    "django.contrib.messages.api": (
        "add_message get_messages get_level set_level debug info success "
        "warning error MessageFailure"),
    "django.contrib.messages.constants": (
        "DEBUG INFO SUCCESS WARNING ERROR DEFAULT_LEVELS DEFAULT_TAGS"),
    "django.contrib.messages.storage.base": "Message BaseStorage LEVEL_TAGS",
    "django.contrib.messages.utils": "get_level_tags",
    "django.contrib.messages.middleware": "MessageMiddleware",
    "django.contrib.messages.views": "SuccessMessageMixin",
    "django.contrib.messages.context_processors": "messages",
    "django.contrib.messages.storage": "default_storage",
    "django.contrib.messages.storage.fallback": (
        "FallbackStorage CookieStorage SessionStorage"),
    "django.contrib.messages.storage.cookie": (
        "CookieStorage MessageEncoder MessageDecoder MessagePartSerializer "
        "MessagePartGatherSerializer MessageSerializer bisect_keep_left "
        "bisect_keep_right"),
    "django.contrib.messages.storage.session": "SessionStorage",
    "django.contrib.auth": (
        "authenticate login logout get_user get_user_model update_session_auth_hash "
        "get_permission_codename "
        "get_backends load_backend SESSION_KEY BACKEND_SESSION_KEY HASH_SESSION_KEY "
        "REDIRECT_FIELD_NAME aauthenticate alogin alogout aget_user "
        "aupdate_session_auth_hash _clean_credentials"),
    "django.contrib.auth.apps": "AuthConfig",
    "django.contrib.auth.checks": (
        "check_user_model check_models_permissions check_middleware"),
    "django.contrib.auth.management": (
        "create_permissions get_default_username get_system_username"),
    "django.contrib.auth.handlers": [],
    "django.contrib.auth.handlers.modwsgi": "check_password groups_for_user",
    "django.contrib.auth.management.commands": [],
    "django.contrib.auth.management.commands.createsuperuser": (
        "Command NotRunningInTTYException PASSWORD_FIELD getpass"),
    "django.contrib.auth.management.commands.changepassword": "Command",
    "django.contrib.auth.signals": (
        "user_logged_in user_logged_out user_login_failed"),
    "django.contrib.auth.validators": (
        "UnicodeUsernameValidator ASCIIUsernameValidator"),
    "django.contrib.auth.base_user": "AbstractBaseUser BaseUserManager",
    "django.contrib.auth.models": (
        "AbstractBaseUser BaseUserManager AbstractUser User Group Permission "
        "PermissionsMixin AnonymousUser UserManager GroupManager PermissionManager "
        "update_last_login"),
    "django.contrib.auth.backends": (
        "BaseBackend ModelBackend AllowAllUsersModelBackend RemoteUserBackend "
        "AllowAllUsersRemoteUserBackend"),
    "django.contrib.auth.middleware": (
        "AuthenticationMiddleware LoginRequiredMiddleware RemoteUserMiddleware "
        "PersistentRemoteUserMiddleware"),
    "django.contrib.auth.context_processors": (
        "auth PermWrapper PermLookupDict"),
    "django.contrib.auth.decorators": (
        "login_required permission_required user_passes_test login_not_required"),
    "django.contrib.auth.mixins": (
        "AccessMixin LoginRequiredMixin PermissionRequiredMixin UserPassesTestMixin"),
    "django.contrib.auth.views": (
        "redirect_to_login logout_then_login RedirectURLMixin LoginView LogoutView "
        "PasswordContextMixin PasswordResetView PasswordResetDoneView "
        "PasswordResetConfirmView PasswordResetCompleteView PasswordChangeView "
        "PasswordChangeDoneView INTERNAL_RESET_SESSION_TOKEN"),
    "django.contrib.auth.urls": "urlpatterns",
    "django.contrib.auth.tokens": (
        "PasswordResetTokenGenerator default_token_generator"),
    "django.contrib.auth.forms": (
        "ReadOnlyPasswordHashWidget ReadOnlyPasswordHashField UsernameField "
        "SetPasswordMixin SetUnusablePasswordMixin BaseUserCreationForm "
        "UserCreationForm UserChangeForm AuthenticationForm PasswordResetForm "
        "SetPasswordForm PasswordChangeForm AdminPasswordChangeForm "
        "AdminUserCreationForm"),
    "django.contrib.auth.hashers": (
        "make_password check_password acheck_password is_password_usable "
        "identify_hasher get_hasher get_hashers get_hashers_by_algorithm "
        "reset_hashers mask_hash must_update_salt verify_password "
        "BasePasswordHasher PBKDF2PasswordHasher PBKDF2SHA1PasswordHasher "
        "Argon2PasswordHasher BCryptSHA256PasswordHasher BCryptPasswordHasher "
        "ScryptPasswordHasher MD5PasswordHasher UNUSABLE_PASSWORD_PREFIX "
        "UNUSABLE_PASSWORD_SUFFIX_LENGTH get_random_string"),
    "django.contrib.auth.password_validation": (
        "validate_password password_changed password_validators_help_texts "
        "password_validators_help_text_html get_default_password_validators "
        "get_password_validators exceeds_maximum_length_ratio "
        "MinimumLengthValidator UserAttributeSimilarityValidator "
        "CommonPasswordValidator NumericPasswordValidator ngettext"),
    "django.contrib.staticfiles": [],
    "django.contrib.contenttypes": [],
    "django.contrib.contenttypes.models": "ContentType ContentTypeManager",
    "django.contrib.contenttypes.apps": "ContentTypesConfig",
    "django.contrib.contenttypes.fields": (
        "GenericForeignKey GenericRelation GenericRel "
        "ReverseGenericManyToOneDescriptor"),
    "django.contrib.contenttypes.prefetch": "GenericPrefetch",
    "django.contrib.contenttypes.views": "shortcut",
    "django.contrib.contenttypes.management.commands": [],
    "django.contrib.contenttypes.management.commands.remove_stale_contenttypes":
        "Command NoFastDeleteCollector",
    "django.contrib.contenttypes.checks": (
        "check_generic_foreign_keys check_model_name_lengths"),
    "django.contrib.contenttypes.admin": (
        "GenericInlineModelAdminChecks GenericInlineModelAdmin GenericStackedInline "
        "GenericTabularInline"),
    "django.contrib.contenttypes.forms": (
        "BaseGenericInlineFormSet generic_inlineformset_factory"),
    "django.contrib.contenttypes.management": (
        "create_contenttypes get_contenttypes_and_models"),
    "django.contrib.sites": [],
    "django.contrib.sites.models": (
        "Site SiteManager SITE_CACHE clear_site_cache "
        "_simple_domain_name_validator"),
    "django.contrib.sites.requests": "RequestSite",
    "django.contrib.sites.shortcuts": "get_current_site",
    "django.contrib.sites.middleware": "CurrentSiteMiddleware",
    "django.contrib.sites.checks": "check_site_id",
    "django.contrib.sites.management": "create_default_site",
    "django.contrib.sites.managers": "CurrentSiteManager",
    "django.contrib.sites.apps": "SitesConfig",
    "django.contrib.sites.admin": "SiteAdmin",
    "django.contrib.admin": (
        "site AdminSite ModelAdmin StackedInline TabularInline autodiscover "
        "HORIZONTAL VERTICAL "
        "action display register ListFilter SimpleListFilter FieldListFilter "
        "BooleanFieldListFilter RelatedFieldListFilter ChoicesFieldListFilter "
        "DateFieldListFilter AllValuesFieldListFilter EmptyFieldListFilter "
        "RelatedOnlyFieldListFilter ShowFacets"),
    "django.contrib.admin.checks": (
        "check_admin_app check_dependencies BaseModelAdminChecks ModelAdminChecks "
        "InlineModelAdminChecks must_be must_inherit_from refer_to_missing_field"),
    "django.contrib.admin.exceptions": (
        "DisallowedModelAdminLookup DisallowedModelAdminToField AlreadyRegistered "
        "NotRegistered"),
    "django.contrib.admin.filters": (
        "ListFilter FacetsMixin SimpleListFilter FieldListFilter "
        "BooleanFieldListFilter RelatedFieldListFilter ChoicesFieldListFilter "
        "DateFieldListFilter AllValuesFieldListFilter EmptyFieldListFilter "
        "RelatedOnlyFieldListFilter"),
    "django.contrib.admin.actions": "delete_selected",
    "django.contrib.admin.apps": "AdminConfig SimpleAdminConfig",
    "django.contrib.admin.decorators": "action display register",
    "django.contrib.admin.models": (
        "ADDITION CHANGE DELETION ACTION_FLAG_CHOICES LogEntry LogEntryManager"),
    "django.contrib.admin.utils": (
        "quote unquote flatten flatten_fieldsets QUOTE_MAP UNQUOTE_MAP UNQUOTE_RE "
        "lookup_field label_for_field help_text_for_field display_for_field "
        "display_for_value NestedObjects get_deleted_objects model_format_dict "
        "model_ngettext construct_change_message lookup_spawns_duplicates "
        "prepare_lookup_value get_fields_from_path reverse_field_path "
        "get_model_from_relation NotRelationField FieldIsAForeignKeyColumnName "
        "build_q_object_from_lookup_parameters get_last_value_from_parameters"),
    "django.contrib.admin.options": (
        "IS_POPUP_VAR TO_FIELD_VAR IS_FACETS_VAR HORIZONTAL VERTICAL "
        "IncorrectLookupParameters get_content_type_for_model get_ul_class "
        "BaseModelAdmin ModelAdmin InlineModelAdmin StackedInline TabularInline "
        "FORMFIELD_FOR_DBFIELD_DEFAULTS csrf_protect_m ShowFacets transaction "
        "router"),
    "django.contrib.admin.sites": (
        "AdminSite DefaultAdminSite site all_sites AlreadyRegistered NotRegistered"),
    "django.contrib.admin.helpers": (
        "ACTION_CHECKBOX_NAME ActionForm AdminForm Fieldset Fieldline AdminField "
        "AdminReadonlyField InlineAdminFormSet InlineAdminForm InlineFieldset "
        "AdminErrorList"),
    "django.contrib.admin.widgets": (
        "AdminDateWidget AdminTimeWidget AdminSplitDateTime AdminRadioSelect "
        "AdminTextInputWidget AdminTextareaWidget AdminURLFieldWidget "
        "AdminIntegerFieldWidget AdminBigIntegerFieldWidget AdminEmailInputWidget "
        "AdminUUIDInputWidget ForeignKeyRawIdWidget ManyToManyRawIdWidget "
        "FilteredSelectMultiple AutocompleteSelect AutocompleteSelectMultiple "
        "url_params_from_lookup_dict BaseAdminDateWidget BaseAdminTimeWidget "
        "AdminFileWidget RelatedFieldWidgetWrapper SELECT2_TRANSLATIONS "
        "get_select2_language AutocompleteMixin"),
    "django.contrib.admin.forms": (
        "AdminAuthenticationForm AdminPasswordChangeForm"),
    "django.contrib.admin.tests": "AdminSeleniumTestCase",
    "django.test.selenium": (
        "screenshot_cases SeleniumTestCase SeleniumTestCaseBase"),
    "django.utils.connection": "ConnectionDoesNotExist BaseConnectionHandler",
    "django.contrib.admin.views": [],
    "django.contrib.admin.views.autocomplete": "AutocompleteJsonView",
    "django.contrib.admin.views.decorators": "staff_member_required",
    "django.contrib.admin.views.main": (
        "ALL_VAR ORDER_VAR PAGE_VAR SEARCH_VAR ERROR_FLAG IGNORED_PARAMS ChangeList "
        "IS_FACETS_VAR IS_POPUP_VAR TO_FIELD_VAR"),
    "django.contrib.auth.admin": "GroupAdmin UserAdmin",
    "django.contrib.admin.templatetags": [],
    "django.contrib.admin.templatetags.base": "InclusionAdminNode",
    "django.contrib.admin.templatetags.admin_urls": (
        "register admin_urlname admin_urlquote add_preserved_filters"),
    "django.contrib.admin.templatetags.admin_list": (
        "register result_list pagination search_form date_hierarchy "
        "admin_list_filter admin_actions change_list_object_tools "
        "paginator_number result_headers items_for_result results "
        "result_hidden_fields"),
    "django.contrib.admin.templatetags.admin_modify": (
        "register submit_row prepopulated_fields_js change_form_object_tools "
        "cell_count"),
    "django.contrib.admin.templatetags.log": "register AdminLogNode",
    "django.contrib.admindocs": [],
    "django.contrib.admindocs.apps": "AdminDocsConfig",
    "django.contrib.admindocs.middleware": "XViewMiddleware",
    "django.contrib.admindocs.urls": "urlpatterns",
    "django.contrib.admindocs.utils": (
        "docutils_is_available get_view_name parse_docstring parse_rst ROLES "
        "explicit_title_re split_explicit_title named_group_matcher "
        "unnamed_group_matcher non_capturing_group_matcher replace_metacharacters "
        "_get_group_start_end _find_groups replace_named_groups "
        "replace_unnamed_groups remove_non_capturing_groups strip_p_tags"),
    "django.contrib.admindocs.views": (
        "MODEL_METHODS_EXCLUDE BaseAdminDocsView BookmarkletsView "
        "TemplateTagIndexView TemplateFilterIndexView ViewIndexView ViewDetailView "
        "user_has_model_view_permission ModelIndexView ModelDetailView "
        "TemplateDetailView get_return_data_type get_readable_field_data_type "
        "extract_views_from_urlpatterns simplify_regex"),
    "django.contrib.staticfiles.urls": "staticfiles_urlpatterns",
    "django.contrib.staticfiles.finders": (
        "find BaseFinder FileSystemFinder AppDirectoriesFinder BaseStorageFinder "
        "DefaultStorageFinder get_finders get_finder searched_locations"),
    "django.contrib.staticfiles.storage": (
        "StaticFilesStorage HashedFilesMixin ManifestFilesMixin "
        "ManifestStaticFilesStorage ConfiguredStorage staticfiles_storage "
        "FileSystemStorage"),
    "django.contrib.staticfiles.utils": (
        "matches_patterns get_files check_settings"),
    "django.contrib.staticfiles.checks": (
        "check_finders check_storages E005 get_finders"),
    "django.contrib.staticfiles.apps": "StaticFilesConfig",
    "django.contrib.staticfiles.testing": "StaticLiveServerTestCase",
    "django.contrib.staticfiles.handlers": (
        "StaticFilesHandler ASGIStaticFilesHandler StaticFilesHandlerMixin"),
    "django.contrib.staticfiles.management": [],
    "django.contrib.staticfiles.management.commands": [],
    "django.contrib.staticfiles.management.commands.collectstatic": (
        "Command staticfiles_storage"),
    "django.contrib.staticfiles.management.commands.findstatic": "Command",
    "django.contrib.staticfiles.management.commands.runserver": "Command",
    "django.test": (
        "TestCase TransactionTestCase SimpleTestCase LiveServerTestCase "
        "Client RequestFactory AsyncClient AsyncRequestFactory "
        "override_settings modify_settings tag "
        "skipIfDBFeature skipUnlessDBFeature skipUnlessAnyDBFeature ignore_warnings "
        "override_system_checks"),
    "django.test.utils": (
        "override_settings modify_settings CaptureQueriesContext setup_databases "
        "teardown_databases "
        "setup_test_environment teardown_test_environment ContextList "
        "TestContextDecorator tag ignore_warnings requires_tz_support "
        "extend_sys_path captured_output captured_stdout captured_stderr "
        "captured_stdin skipIfDBFeature skipUnlessDBFeature TZ_SUPPORT freeze_time "
        "garbage_collect require_jinja2 isolate_apps override_system_checks "
        "Approximate register_lookup override_script_prefix LoggingCaptureMixin"),
    "django.test.client": (
        "Client RequestFactory RedirectCycleError encode_multipart BOUNDARY "
        "MULTIPART_CONTENT encode_file FakePayload conditional_content_removal "
        "CONTENT_TYPE_RE AsyncClient AsyncRequestFactory AsyncClientHandler "
        "ClientHandler"),
    "django.test.runner": (
        "DiscoverRunner get_max_test_processes partition_suite_by_case"),
    "django.test.testcases": (
        "SimpleTestCase TransactionTestCase TestCase LiveServerTestCase "
        "DatabaseOperationForbidden SerializeMixin TestData is_pickable "
        "skipIfDBFeature skipUnlessDBFeature skipUnlessAnyDBFeature"),
    "django.test.html": "parse_html HTMLParseError",
    "django.contrib.messages.test": "MessagesTestMixin",
    "django.test.signals": (
        "setting_changed template_rendered COMPLEX_OVERRIDE_SETTINGS "
        "complex_setting_changed"),
})

# django.utils.translation.trans_real: the module alone (djscratch has no
# catalogues), which Django's template tests import; setdefault, as another
# branch lists it in the table too.
DJANGO_MODULES.setdefault("django.utils.translation.trans_real", [])

#: django.forms names that a model field also uses.  forms/fields.py defines
#: them under Django's names; the single file holds them as Form<name> (RENAMES
#: in tools/amalgamate.py), and so does the package's __init__.
_FORM_FIELD_RENAMES = {
    name: "Form" + name for name in (
        "Field", "CharField", "IntegerField", "FloatField", "DecimalField",
        "BooleanField", "DateField", "DateTimeField", "TimeField", "DurationField",
        "EmailField", "URLField", "SlugField", "UUIDField", "JSONField",
        "GenericIPAddressField", "FileField", "ImageField", "FilePathField",
    )
}


_MESSAGE_RENAMES = {
    "debug": "_msg_debug", "info": "_msg_info", "success": "_msg_success",
    "warning": "_msg_warning", "error": "_msg_error",
    "DEBUG": "MESSAGE_DEBUG", "INFO": "MESSAGE_INFO",
    "SUCCESS": "MESSAGE_SUCCESS", "WARNING": "MESSAGE_WARNING",
    "ERROR": "MESSAGE_ERROR", "DEFAULT_LEVELS": "DEFAULT_MESSAGE_LEVELS",
    "DEFAULT_TAGS": "_DEFAULT_MESSAGE_TAGS"}

#: django.core.checks names the single file holds as Check<Name>/CHECK_<NAME>.
_CHECK_RENAMES = {
    **{name: "Check" + name for name in ("Debug", "Info", "Warning", "Error",
                                         "Critical")},
    **{name: "CHECK_" + name for name in ("DEBUG", "INFO", "WARNING", "ERROR",
                                          "CRITICAL")},
}

#: Names whose djscratch object has another name (alias module -> {name: ours}).
_ALIAS_RENAMES = {
    "django.utils.translation": {
        name: "translation_" + name for name in ("activate", "deactivate", "override")},
    "django.core.checks": _CHECK_RENAMES,
    "django.core.checks.messages": _CHECK_RENAMES,
    "django.core.checks.caches": {"E001": "_CACHES_E001"},
    # One Settings class holds both a settings module's values and those of
    # configure() and override_settings (Django's UserSettingsHolder).
    "django.conf": {"UserSettingsHolder": "Settings"},
    "django.core.checks.async_checks": {"E001": "_ASYNC_E001"},
    "django.core.checks.urls": {"E006": "_URLS_E006"},
    "django.core.checks.translation": {
        f"E00{n}": f"_TRANSLATION_E00{n}" for n in range(1, 5)},
    **{f"django.core.checks.security.{module}": {
        check_id: f"_SECURITY_{check_id}" for check_id in ids.split()}
       for module, ids in (
           ("base", "W001 W002 W004 W005 W006 W008 W009 W018 W019 W020 W021 W022 "
                    "E023 E024 W025"),
           ("csrf", "W003 W016"),
           ("sessions", "W010 W011 W012 W013 W014 W015"))},

    "django.template.context_processors": {
        "csrf": "_cp_csrf", "debug": "_cp_debug", "request": "_cp_request",
        "static": "_cp_static", "tz": "_cp_tz", "media": "_cp_media",
        "i18n": "_cp_i18n"},
    "django.contrib.messages.context_processors": {"messages": "_cp_messages"},
    "django.contrib.auth.context_processors": {"auth": "_cp_auth"},
    "django.contrib.auth.urls": {"urlpatterns": "auth_urlpatterns"},
    "django.contrib.admindocs.urls": {"urlpatterns": "admindocs_urlpatterns"},
    "django.contrib.auth.handlers.modwsgi": {
        "check_password": "_modwsgi_check_password"},
    "django.contrib.auth.management.commands.createsuperuser": {
        "Command": "_CreatesuperuserCommand", "getpass": "_createsuperuser_getpass"},
    "django.contrib.auth.management.commands.changepassword": {
        "Command": "_ChangepasswordCommand"},
    "django.contrib.contenttypes.management.commands.remove_stale_contenttypes": {
        "Command": "_RemoveStaleContenttypesCommand"},
    **{f"django.core.management.commands.{name}": {
        "Command": f"_{name.capitalize()}Command"}
       for name in ("loaddata", "dumpdata", "runserver", "testserver")},
    "django.contrib.admin": {"register": "admin_register"},
    "django.contrib.admin.options": {"router": "_router",
                                     "transaction": "_admin_transaction"},
    "django.contrib.admin.decorators": {"register": "admin_register"},
    "django.contrib.admin.forms": {
        "AdminPasswordChangeForm": "_AdminPasswordChangeForm"},
    "django.contrib.admin.templatetags.admin_urls": {
        "register": "admin_urls_library"},
    "django.contrib.admin.templatetags.admin_list": {
        "register": "admin_list_library", "paginator_number": "_paginator_number"},
    "django.contrib.admin.templatetags.admin_modify": {
        "register": "admin_modify_library"},
    "django.contrib.admin.templatetags.log": {"register": "admin_log_library",
                                              "get_admin_log": "get_admin_log"},
    "django.contrib.messages.storage": {"default_storage": "_message_storage"},
    "django.http.multipartparser": {"Parser": "_MultipartPartsParser"},
    "django.contrib.sessions.backends.signed_cookies": {
        "SessionStore": "SignedCookieSessionStore"},
    "django.contrib.sessions.backends.db": {"SessionStore": "DatabaseSessionStore"},
    "django.contrib.sessions.backends.file": {"SessionStore": "FileSessionStore"},
    "django.contrib.sessions.backends.cache": {
        "SessionStore": "CacheSessionStore", "KEY_PREFIX": "_CACHE_SESSION_KEY_PREFIX"},
    "django.contrib.sessions.backends.cached_db": {
        "SessionStore": "CachedDbSessionStore",
        "KEY_PREFIX": "_CACHED_DB_SESSION_KEY_PREFIX"},
    "django.templatetags.cache": {"register": "cache_library"},
    "django.template.library": {"import_library": "_import_library"},
    "django.templatetags.i18n": {
        "register": "i18n_library", **{name: f"_f_{name}" for name in (
            "language_name", "language_name_translated", "language_name_local",
            "language_bidi")}},
    "django.templatetags.l10n": {
        "register": "l10n_library", "localize": "_f_l10n_localize",
        "unlocalize": "_f_unlocalize", "localize_tag": "_tag_localize"},
    "django.templatetags.tz": {"register": "tz_library", "localtime": "_f_localtime"},
    "django.contrib.messages": _MESSAGE_RENAMES,
    "django.contrib.messages.api": _MESSAGE_RENAMES,
    "django.contrib.messages.constants": _MESSAGE_RENAMES,
    "django.utils.dateformat": {"format": "dateformat", "time_format": "timeformat"},
    "django.utils.formats": {"time_format": "formats_time_format"},
    "django.conf.urls.static": {"static": "static_urlpatterns"},
    "django.conf.urls.i18n": {"urlpatterns": "i18n_urlpatterns"},
    "django.templatetags.static": {"static": "static_url"},
    "django.contrib.staticfiles.views": {"serve": "_staticfiles_serve"},
    "django.contrib.staticfiles.checks": {"E005": "_STATICFILES_E005"},
    "django.contrib.staticfiles.management.commands.collectstatic": {
        "Command": "_CollectstaticCommand"},
    "django.contrib.staticfiles.management.commands.findstatic": {
        "Command": "_FindstaticCommand"},
    "django.contrib.staticfiles.management.commands.runserver": {
        "Command": "_StaticfilesRunserverCommand"},
    "django.views.static": {"directory_index": "_directory_index"},
    "django.views.debug": {"Path": "_DebugTemplatePath"},
    "django": {"__version__": "_VERSION_STRING"},
    "django.db": {"router": "_router"},
    "django.db.migrations.state": {"ModelState": "_MigrationModelState"},
    "django.db.utils": {"load_backend": "load_db_backend"},
    "django.core.serializers.base": {
        "Serializer": "BaseSerializer", "Deserializer": "BaseDeserializer"},
    "django.core.serializers.python": {
        "Serializer": "PythonSerializer", "Deserializer": "PythonDeserializer"},
    "django.core.serializers.json": {
        "Serializer": "JsonSerializer", "Deserializer": "JsonDeserializer"},
    "django.core.serializers.jsonl": {
        "Serializer": "JsonlSerializer", "Deserializer": "JsonlDeserializer"},
    "django.core.serializers.xml_serializer": {
        "Serializer": "XmlSerializer", "Deserializer": "XmlDeserializer"},
    "django.db.models.sql": {"Query": "_Query"},
    "django.db.models.sql.query": {"Query": "_Query"},
    "django.utils.tree": {"Node": "TreeNode"},
    "django.template.defaultfilters": {
        "register": "default_filters", **{n: f"_f_{n}" for n in _DEFAULT_FILTER_NAMES},
        **{n: f"_f_{n.removesuffix('_filter')}" for n in _FILTER_FUNCTION_NAMES}},
    "django.template.backends.dummy": {"Template": "_DummyTemplate"},
    "django.template.loaders.base": {"Loader": "_BaseLoader"},
    "django.template.loaders.filesystem": {"Loader": "_FileLoader"},
    "django.template.loaders.app_directories": {"Loader": "_AppDirectoriesLoader"},
    "django.template.loaders.locmem": {"Loader": "_LocmemLoader"},
    "django.template.loaders.cached": {"Loader": "_CachedLoader"},
    "django.template.backends.jinja2": {
        "Jinja2": "Jinja2Backend", "Template": "_Jinja2Template",
        "Origin": "Jinja2Origin"},
    "django.template.defaulttags": {"register": "default_tags",
                                    "querystring": "_tag_querystring"},
    "django.utils.numberformat": {"format": "numberformat_format"},
    "django.core.handlers.asgi": {"get_script_prefix": "_asgi_script_prefix"},
    "django.test.testcases": {"TestData": "_TestData"},
    "django.utils.timezone": {"override": "timezone_override"},
    "django.utils.lorem_ipsum": {
        name: "lorem_" + name for name in ("sentence", "paragraph", "paragraphs",
                                           "words")},
    "django.utils.termcolors": {"make_style": "termcolors_make_style"},
    "django.utils.encoding": {"quote": "_encoding_quote"},
    "django.utils.http": {"datetime": "_http_datetime"},
    "django.utils.archive": {"extract": "archive_extract"},
    "django.utils.autoreload": {"_error_files": "_autoreload_error_files",
                                "_exception": "_autoreload_exception"},
    "django.middleware.csrf": {"_get_new_csrf_string": "_new_csrf_string"},
    "django.core.mail.backends.smtp": {"EmailBackend": "SmtpEmailBackend"},
    "django.core.mail.backends.console": {"EmailBackend": "ConsoleEmailBackend"},
    "django.core.mail.backends.filebased": {"EmailBackend": "FileEmailBackend"},
    "django.core.mail.backends.locmem": {"EmailBackend": "LocmemEmailBackend"},
    "django.core.mail.backends.dummy": {"EmailBackend": "DummyEmailBackend"},
    "django.forms": _FORM_FIELD_RENAMES,
    "django.forms.fields": _FORM_FIELD_RENAMES,
    "django.forms.renderers": {"DjangoTemplates": "FormDjangoTemplates"},
    "django.db.models": {"NullBooleanField": "ModelNullBooleanField"},
    "django.db.models.base": {"subclass_exception": "_subclass_exception",
                              "model_unpickle": "_model_unpickle"},
    "django.db.backends.base.base": {"BaseDatabaseWrapper": "DatabaseWrapper"},
    "django.db.models.fields": {"NullBooleanField": "ModelNullBooleanField"},
}


#: Names made on first use by a function of djscratch (name -> the function,
#: which returns {name: object}): the logging classes subclass logging's, and
#: `logging` is not imported at start-up.
_MADE_ON_FIRST_USE = dict.fromkeys(
    _names("AdminEmailHandler CallbackFilter RequireDebugFalse RequireDebugTrue "
           "ServerFormatter"), "_logging_classes")


#: Standard library modules a Django module imports at its top and Django's
#: tests patch through it (mock.patch("django.utils.text.secrets.randbelow")):
#: the alias module answers with the module itself, which djscratch's code
#: imports too, so the patch reaches it.
_STDLIB_ATTRIBUTES = {
    "django.utils.text": ("secrets",),
    "django.core.management.utils": ("shutil",),
}


# (Here, not with the commands that use them too: a served page checks its
# settings with them, and the single file builds the commands on first use.)
#: Names Django sets on a module at run time, not at import: the test
#: environment's `mail.outbox`.
_RUNTIME_NAMES = {"django.core.mail": {"outbox"}}


def _alias_provides(module, name=None):
    """Return True if djscratch implements django module `module` (and `name`).

    The memcached and Redis backend modules import (their classes refuse to
    be used), so they count as not implemented.
    """
    if module not in DJANGO_MODULES or module in _REFUSED_CACHE_BACKENDS:
        return False
    if name is None or f"{module}.{name}" in DJANGO_MODULES:
        return True
    if name in _RUNTIME_NAMES.get(module, ()):
        return True
    if module == "django.conf.global_settings":
        return name in GLOBAL_SETTINGS
    if name not in DJANGO_MODULES[module]:
        return False
    ours = _ALIAS_RENAMES.get(module, {}).get(name, name)
    return _package()._defines(ours)


def _assign_everywhere(ours, value):
    """Set djscratch's global `ours` to `value` wherever the code reads it.

    The single file is one namespace.  The package's modules each hold the
    name in their own globals (the one that defines it, the siblings that
    import it), so every djscratch module whose `ours` is what the package
    has gets `value` too, and a patch reaches the code in both forms."""
    this = _package()
    missing = object()
    current = getattr(this, ours, missing)
    setattr(this, ours, value)
    if current is missing:
        return  # a new name: nothing else holds it
    prefix = this.__name__ + "."
    package = hasattr(this, "__path__")
    for module_name, module in list(sys.modules.items()):
        if isinstance(module, _AliasModule):
            _update_kept(module, ours, current, value)
        elif package and module_name.startswith(prefix) and module is not None:
            namespace = getattr(module, "__dict__", {})
            if ours in namespace and namespace[ours] is current:
                namespace[ours] = value


def _update_kept(module, ours, current, value):
    """Give a django.* module's kept value of djscratch's `ours` (its first
    lookup keeps it) the new value, so that a patch through another module
    neither misses it nor stays there after its end."""
    namespace = module.__dict__
    for name in [name for name, kept in namespace.items() if kept is current]:
        if module._ours(name) == ours:
            namespace[name] = value


class _AliasModule(type(sys)):
    """A `django.*` module whose attributes are djscratch's objects.

    Assigning one of its names (what `mock.patch("django.x.y.name")` does)
    assigns djscratch's name too, so the patch reaches the code that calls
    it: djscratch's code is one namespace, where Django's modules each look
    the name up in their own.  Deleting it, or assigning back what it had,
    restores djscratch's object as it was when this module's patch began, so
    nested patches through two modules (django.utils.crypto's and
    django.contrib.auth.hashers' get_random_string) unwind in turn."""

    def _ours(self, name):
        """djscratch's name for `name` when this module provides it, else None."""
        if name.startswith("__") or name not in DJANGO_MODULES.get(self.__name__, ()):
            return None
        if f"{self.__name__}.{name}" in DJANGO_MODULES:
            # A submodule the import system sets on its package (json of
            # django.core.serializers): never one of djscratch's own names.
            return None
        return _ALIAS_RENAMES.get(self.__name__, {}).get(name, name)

    def __setattr__(self, name, value):
        if name.startswith("__"):  # the import system's: never djscratch's
            return super().__setattr__(name, value)
        ours = self._ours(name)
        if ours is not None:
            this = _package()
            originals = self.__dict__.setdefault("_djscratch_originals", {})
            if ours not in originals and hasattr(this, ours):
                kept = self.__dict__.get(name, originals)  # originals: nothing kept
                originals[ours] = (getattr(this, ours), kept)
            if ours in originals and any(value is old for old in originals[ours]):
                value = originals.pop(ours)[0]  # put back
            _assign_everywhere(ours, value)
        super().__setattr__(name, value)

    def __delattr__(self, name):
        super().__delattr__(name)
        ours = self._ours(name)
        originals = self.__dict__.get("_djscratch_originals", {})
        if ours is not None and ours in originals:
            _assign_everywhere(ours, originals.pop(ours)[0])

    def __getattr__(self, name):
        if name == "__all__":  # `from django.db.models import *`
            return self._public_names()
        submodule = f"{self.__name__}.{name}"
        if submodule in DJANGO_MODULES:  # django.db.models, template.loader, ...
            import importlib

            return importlib.import_module(submodule)
        value, keep = _provided_value(self.__name__, name)
        if keep:
            self.__dict__[name] = value  # the next lookup is a plain getattr
        return value

    def __dir__(self):
        return sorted(set(DJANGO_MODULES.get(self.__name__, ())) | set(self.__dict__))

    def _public_names(self):
        """What a star import takes: the module's public names djscratch
        provides (its attributes are made on first use, so the module's
        __dict__ alone would give only those used so far)."""
        names = []
        for name in DJANGO_MODULES.get(self.__name__, ()):
            if name.startswith("_") or f"{self.__name__}.{name}" in DJANGO_MODULES:
                continue
            try:
                getattr(self, name)
            except AttributeError:
                continue
            names.append(name)
        return names


def _provided_value(module, name):
    """(the value of django module `module`'s attribute `name`, whether its
    module keeps it); AttributeError if djscratch does not provide it."""
    if name in DJANGO_MODULES.get(module, ()):
        ours = _ALIAS_RENAMES.get(module, {}).get(name, name)
        this = _package()
        if hasattr(this, ours):
            return getattr(this, ours), True
        if ours in _MADE_ON_FIRST_USE:
            return getattr(this, _MADE_ON_FIRST_USE[ours])()[ours], True
    if name in _STDLIB_ATTRIBUTES.get(module, ()):
        import importlib

        return importlib.import_module(name), False
    if module == "django.conf.global_settings" and name in GLOBAL_SETTINGS:
        return GLOBAL_SETTINGS[name], False
    if name.startswith("__"):
        raise AttributeError(name)
    raise AttributeError(
        f"djscratch does not implement {module}.{name} "
        "(see the compatibility table in the README)"
    )


#: The dotted paths _value_without_module() answered once.
_ASKED_WITHOUT_MODULE = set()


def _value_without_module(module, name):
    """import_string(f"{module}.{name}") of a django.* module not imported
    yet, without making the module (a site's first request looks up some
    fifteen: middleware, context processors, message storage): what the
    module would give, or None where the import system decides (and
    words any error): _AliasFinder not the first finder, a module the
    finder treats apart, a name djscratch does not provide, or a path
    asked for a second time (its module is made then: a per-request lookup
    is a plain getattr from then on)."""
    if sys.meta_path[:1] != [_AliasFinder] or module not in DJANGO_MODULES or \
            module in ("django.__main__", "django.template.backends.jinja2") or \
            name.startswith("__") or f"{module}.{name}" in DJANGO_MODULES or \
            (module, name) in _ASKED_WITHOUT_MODULE:
        return None
    _ASKED_WITHOUT_MODULE.add((module, name))
    try:
        return _provided_value(module, name)[0]
    except AttributeError:
        return None


class _AliasFinder:
    """The import hook: serve `django.*` modules from DJANGO_MODULES."""

    @staticmethod
    def find_spec(fullname, path=None, target=None):
        if fullname != "django" and not fullname.startswith("django."):
            return None
        import importlib.machinery

        if fullname == "django.__main__":
            # runpy makes the origin sys.argv[0]: the command line's program name.
            return importlib.machinery.ModuleSpec(
                fullname, _DjangoMainLoader, origin="django/__main__.py")
        if fullname == "django.template.backends.jinja2":
            import importlib.util

            if importlib.util.find_spec("jinja2") is None:  # Django's import error
                raise ModuleNotFoundError("No module named 'jinja2'", name="jinja2")
        if fullname not in DJANGO_MODULES:
            raise ModuleNotFoundError(
                f"djscratch does not implement the module {fullname!r} "
                "(see the compatibility table in the README)",
                name=fullname,
            )
        return importlib.machinery.ModuleSpec(fullname, _AliasFinder, is_package=True)

    @staticmethod
    def create_module(spec):
        module = _AliasModule(spec.name)
        module.__file__ = __file__
        module.__path__ = []
        return module

    @staticmethod
    def exec_module(module):
        # Submodules are attributes of their parent, as after a real import.
        parent, _, child = module.__name__.rpartition(".")
        if parent and parent in sys.modules:
            sys.modules[parent].__dict__[child] = module


class _DjangoMainLoader:
    """`python -m django`: Django's django/__main__.py, which runs the command
    line when executed and does nothing when imported (runpy asks for its code)."""

    SOURCE = (
        "from django.core import management\n"
        "if __name__ == '__main__':\n"
        "    management.execute_from_command_line()\n"
    )

    @staticmethod
    def create_module(spec):
        return None  # the default module object

    @classmethod
    def exec_module(cls, module):
        # Imported (not run): its file is djscratch's, as the autoreloader
        # and Django's tests expect django.__main__ to have one.
        module.__dict__.setdefault("__file__", __file__)
        exec(cls.get_code(module.__name__), module.__dict__)

    @classmethod
    def get_code(cls, fullname):
        return compile(cls.SOURCE, "<django.__main__ (djscratch)>", "exec")

    @staticmethod
    def is_package(fullname):
        return False


#: asgiref module -> the names djscratch's fallback gives it (asgiref_fallback).
ASGIREF_MODULES = {
    "asgiref": [],
    "asgiref.sync": _names(
        "sync_to_async async_to_sync SyncToAsync AsyncToSync iscoroutinefunction "
        "markcoroutinefunction ThreadSensitiveContext"),
    "asgiref.local": _names("Local"),
    "asgiref.current_thread_executor": _names("CurrentThreadExecutor"),
}


class _AsgirefFallbackFinder:
    """The import hook of asgiref's fallback.  It sits last on sys.meta_path,
    so it answers only when no finder before it (the one of sys.path) finds a
    real asgiref: an installed asgiref is always the one imported."""

    @staticmethod
    def find_spec(fullname, path=None, target=None):
        if fullname in ASGIREF_MODULES:
            import importlib.machinery

            return importlib.machinery.ModuleSpec(
                fullname, _AsgirefFallbackFinder, is_package=fullname == "asgiref")
        parent = sys.modules.get("asgiref")
        if fullname.startswith("asgiref.") and getattr(
                parent, "__loader__", None) is _AsgirefFallbackFinder:
            raise ModuleNotFoundError(
                f"djscratch's asgiref fallback does not implement {fullname!r}; "
                "install asgiref (pip install asgiref) to use it", name=fullname)
        return None

    @staticmethod
    def create_module(spec):
        module = type(sys)(spec.name)
        module.__file__ = __file__
        if spec.name == "asgiref":
            module.__path__ = []
        this = _package()
        for name in ASGIREF_MODULES[spec.name]:
            setattr(module, name, getattr(this, name))
        return module

    @staticmethod
    def exec_module(module):
        parent, _, child = module.__name__.rpartition(".")
        if parent and parent in sys.modules:
            setattr(sys.modules[parent], child, module)


def install_asgiref_fallback():
    """Let `import asgiref.sync` find djscratch's fallback when asgiref is
    not installed (done on import, whichever the engine: real Django needs
    the real asgiref, which then always wins)."""
    if _AsgirefFallbackFinder not in sys.meta_path:
        sys.meta_path.append(_AsgirefFallbackFinder)


def install_alias():
    """Make `django.*` imports resolve to djscratch (done on import)."""
    if _AliasFinder in sys.meta_path:
        return
    real = sys.modules.get("django")
    if real is not None and not isinstance(real, _AliasModule):
        raise ImproperlyConfigured(
            "Real Django was imported before djscratch; import djscratch first, or "
            "set DJSCRATCH_ENGINE=django to run on Django."
        )
    sys.meta_path.insert(0, _AliasFinder)


install_asgiref_fallback()
if not _engine_is_django():
    install_alias()
