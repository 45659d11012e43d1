"""djscratch: Django's core in one file, standard library only.

djscratch is a WSGI web framework that speaks Django's API: models over sqlite3,
URL routing, templates, forms, middleware, sessions, CSRF and a test client.
Import it first and Django code runs unchanged, because ``import djscratch``
makes ``django.*`` resolve to this file:

    import djscratch
    app = djscratch.App(__name__, DEBUG=True)

    from django.http import HttpResponse
    from django.urls import path

    def hello(request, name):
        return HttpResponse(f"Hello, {name}!")

    urlpatterns = [path("hello/<str:name>/", hello)]

    if __name__ == "__main__":
        app.main()          # python hello.py runserver | test | migrate | ...

Copy this file into a project; it needs nothing but Python 3.10+.
Licence: BSD-3-Clause (see LICENSE).
"""

__version__ = "0.1.0"

# `from djscratch import *` sees the whole API; each module lists its
# own public names in its __all__.
__all__ = [
    "App", "settings", "setup", "VERSION", "get_version", "cached_property",
    "SafeString", "SafeData", "mark_safe", "escape", "conditional_escape",
    "format_html", "format_html_join", "MultiValueDict", "MultiValueDictKeyError",
    "Signal", "receiver", "lazy", "Promise", "gettext", "gettext_lazy", "force_str",
    "smart_str", "force_bytes", "ImproperlyConfigured", "ObjectDoesNotExist",
    "MultipleObjectsReturned", "FieldError", "FieldDoesNotExist", "ValidationError",
    "NON_FIELD_ERRORS", "PermissionDenied", "BadRequest", "SuspiciousOperation",
    "DisallowedHost", "DisallowedRedirect", "RequestDataTooBig", "TooManyFieldsSent",
    "TooManyFilesSent", "SuspiciousFileOperation", "Http404", "ViewDoesNotExist",
    "MiddlewareNotUsed", "EmptyResultSet", "FullResultSet", "AppRegistryNotReady",
    "AppConfig", "apps", "Signer", "TimestampSigner", "BadSignature",
    "SignatureExpired", "get_random_string", "constant_time_compare", "salted_hmac",
    "HttpRequest", "WSGIRequest", "QueryDict", "HttpHeaders", "UploadedFile",
    "SimpleUploadedFile", "InMemoryUploadedFile", "TemporaryUploadedFile", "File",
    "ContentFile", "RawPostDataException", "UnreadablePostError",
    "MultiPartParserError", "parse_cookie", "iri_to_uri", "uri_to_iri",
    "escape_uri_path", "url_has_allowed_host_and_scheme", "http_date",
    "parse_http_date", "parse_http_date_safe", "urlsafe_base64_encode",
    "urlsafe_base64_decode", "quote_etag", "HttpResponseBase", "HttpResponse",
    "HttpResponseRedirect", "HttpResponsePermanentRedirect", "HttpResponseNotModified",
    "HttpResponseBadRequest", "HttpResponseNotFound", "HttpResponseForbidden",
    "HttpResponseNotAllowed", "HttpResponseGone", "HttpResponseServerError",
    "JsonResponse", "StreamingHttpResponse", "FileResponse", "BadHeaderError",
    "ResponseHeaders", "path", "re_path", "include", "reverse", "reverse_lazy",
    "resolve", "ResolverMatch", "URLPattern", "URLResolver", "register_converter",
    "get_resolver", "clear_url_caches", "get_script_prefix", "set_script_prefix",
    "get_urlconf", "set_urlconf", "static_url", "static_urlpatterns",
    "staticfiles_urlpatterns", "NoReverseMatch", "Resolver404", "Template", "Context",
    "RequestContext", "Engine", "Library", "Origin", "Node", "NodeList", "Variable",
    "TemplateDoesNotExist", "TemplateSyntaxError", "VariableDoesNotExist", "engines",
    "get_template", "select_template", "render_to_string", "TemplateResponse",
    "SimpleTemplateResponse", "DjangoTemplates", "DjscratchTemplates", "DJANGO_SYNTAX",
    "NATIVE_SYNTAX", "escapejs", "json_script", "strip_tags", "linebreaks", "urlize",
    "avoid_wrapping", "slugify", "Truncator", "capfirst", "dateformat", "date_format",
    "get_format", "stringfilter", "html_safe", "get_valid_filename", "connection",
    "connections", "transaction", "DEFAULT_DB_ALIAS", "Error", "InterfaceError",
    "DatabaseError", "DataError", "OperationalError", "IntegrityError",
    "InternalError", "ProgrammingError", "NotSupportedError",
    "TransactionManagementError", "atomic", "on_commit", "sync_schema",
    "reset_queries", "UnstorableValueError", "LookupValueError",
    "LookupValidationError", "close_old_connections", "NOT_PROVIDED", "Field",
    "AutoField", "BigAutoField", "SmallAutoField", "CharField", "TextField",
    "IntegerField", "SmallIntegerField", "BigIntegerField", "PositiveIntegerField",
    "OrderWrt",
    "PositiveSmallIntegerField", "PositiveBigIntegerField", "FloatField",
    "DecimalField", "BooleanField", "DateField", "DateTimeField", "TimeField",
    "DurationField", "EmailField", "URLField", "SlugField", "UUIDField", "JSONField",
    "BinaryField", "GenericIPAddressField", "CompositePrimaryKey", "FileField",
    "ImageField", "FilePathField", "GeneratedField", "Choices",
    "TextChoices", "IntegerChoices", "Model", "Index", "UniqueConstraint",
    "CheckConstraint", "Deferrable", "Q", "F", "Value", "ExpressionWrapper", "Func",
    "Aggregate", "Count", "Sum", "Avg", "Min", "Max", "Case", "When", "Subquery",
    "Exists", "OuterRef", "Lower", "Upper", "Length", "Concat", "Coalesce", "Now",
    "Cast", "TruncDate", "Trunc", "TruncYear", "TruncQuarter", "TruncMonth",
    "TruncWeek", "TruncDay", "TruncHour", "QuerySet", "Manager", "BaseManager",
    "Prefetch", "RawQuerySet", "OrderBy", "ForeignKey", "OneToOneField",
    "ManyToManyField", "CASCADE", "PROTECT", "RESTRICT", "SET_NULL", "SET_DEFAULT",
    "SET", "DO_NOTHING", "ProtectedError", "RestrictedError", "RegexValidator",
    "EmailValidator", "URLValidator", "MinLengthValidator", "MaxLengthValidator",
    "MinValueValidator", "MaxValueValidator", "StepValueValidator", "DecimalValidator",
    "FileExtensionValidator", "ProhibitNullCharactersValidator", "validate_email",
    "validate_slug", "validate_unicode_slug", "validate_ipv4_address",
    "validate_ipv6_address", "validate_ipv46_address", "validate_integer",
    "parse_date", "parse_time", "parse_datetime", "parse_duration", "ErrorList",
    "ErrorDict", "flatatt", "pretty_name", "Media", "Widget", "Input", "TextInput",
    "NumberInput", "EmailInput", "URLInput", "ColorInput", "SearchInput", "TelInput",
    "PasswordInput", "HiddenInput", "MultipleHiddenInput", "FileInput",
    "ClearableFileInput", "Textarea", "DateInput", "DateTimeInput", "TimeInput",
    "CheckboxInput", "ChoiceWidget", "Select", "NullBooleanSelect", "SelectMultiple",
    "RadioSelect", "CheckboxSelectMultiple", "MultiWidget", "SplitDateTimeWidget",
    "SplitHiddenDateTimeWidget", "FormField", "FormCharField", "FormIntegerField",
    "FormFloatField", "FormDecimalField", "FormBooleanField", "FormDateField",
    "FormDateTimeField", "FormTimeField", "FormDurationField", "FormEmailField",
    "FormURLField", "FormSlugField", "FormUUIDField", "FormJSONField",
    "FormGenericIPAddressField", "FormFileField", "FormImageField", "NullBooleanField",
    "ChoiceField", "TypedChoiceField", "MultipleChoiceField",
    "TypedMultipleChoiceField", "RegexField", "ComboField", "MultiValueField",
    "SplitDateTimeField", "BoundField", "BoundWidget", "BaseForm", "Form",
    "DeclarativeFieldsMetaclass", "BaseFormSet", "formset_factory", "all_valid",
    "ModelChoiceField", "ModelMultipleChoiceField", "ModelChoiceIterator", "ModelForm",
    "BaseModelForm", "modelform_factory", "model_to_dict", "fields_for_model",
    "construct_instance", "BaseModelFormSet", "modelformset_factory",
    "BaseInlineFormSet", "inlineformset_factory",
    "MiddlewareMixin", "patch_cache_control", "patch_vary_headers",
    "add_never_cache_headers", "patch_response_headers", "get_max_age",
    "get_conditional_response", "has_vary_header", "get_cache_key",
    "learn_cache_key", "cache", "caches", "DEFAULT_CACHE_ALIAS", "BaseCache",
    "InvalidCacheBackendError", "CacheKeyWarning", "InvalidCacheKey",
    "DEFAULT_TIMEOUT", "LocMemCache", "FileBasedCache", "DatabaseCache",
    "DummyCache", "make_template_fragment_key", "UpdateCacheMiddleware",
    "FetchFromCacheMiddleware", "CacheMiddleware", "cache_page",
    "CacheSessionStore", "CachedDbSessionStore", "CsrfViewMiddleware", "get_token",
    "rotate_token",
    "SessionBase", "SignedCookieSessionStore", "DatabaseSessionStore", "Session",
    "SessionMiddleware", "SessionInterrupted", "MessageMiddleware", "Message",
    "CookieStorage", "SessionStorage", "FallbackStorage", "add_message",
    "get_messages", "get_level", "set_level", "MessageFailure", "SecurityMiddleware",
    "CommonMiddleware", "XFrameOptionsMiddleware", "GZipMiddleware",
    "ConditionalGetMiddleware", "Paginator", "Page", "InvalidPage", "PageNotAnInteger",
    "EmptyPage", "require_http_methods", "require_GET", "require_POST", "require_safe",
    "condition", "etag", "last_modified", "never_cache", "cache_control",
    "vary_on_headers", "vary_on_cookie", "xframe_options_deny",
    "xframe_options_sameorigin", "xframe_options_exempt", "csrf_exempt",
    "csrf_protect", "ensure_csrf_cookie", "requires_csrf_token", "no_append_slash",
    "sensitive_variables", "sensitive_post_parameters", "method_decorator",
    "decorator_from_middleware", "decorator_from_middleware_with_args", "csrf_failure",
    "render", "redirect", "get_object_or_404", "get_list_or_404", "resolve_url",
    "View", "ContextMixin", "TemplateResponseMixin", "TemplateView", "RedirectView",
    "MultipleObjectMixin", "MultipleObjectTemplateResponseMixin", "BaseListView",
    "ListView", "SingleObjectMixin", "SingleObjectTemplateResponseMixin",
    "BaseDetailView", "DetailView", "FormMixin", "ProcessFormView", "BaseFormView",
    "FormView", "ModelFormMixin", "BaseCreateView", "CreateView", "BaseUpdateView",
    "UpdateView", "DeletionMixin", "BaseDeleteView", "DeleteView", "WSGIHandler",
    "get_wsgi_application", "serve", "page_not_found", "server_error", "bad_request",
    "permission_denied", "DiscoverRunner", "override_settings", "modify_settings",
    "TestContextDecorator", "SimpleTestCase", "TransactionTestCase", "TestCase",
    "LiveServerTestCase", "Client", "RequestFactory", "ContextList",
    "CaptureQueriesContext", "tag", "skipIfDBFeature", "skipUnlessDBFeature",
    "skipUnlessAnyDBFeature",
    "setup_test_environment", "teardown_test_environment", "encode_multipart",
    "parse_html", "RedirectCycleError", "BOUNDARY", "MULTIPART_CONTENT",
    "MessagesTestMixin", "execute_from_command_line", "call_command", "CommandError",
    "ContentType", "ContentTypeManager", "ContentTypesConfig", "GenericForeignKey",
    "GenericRelation", "GenericPrefetch",
    "Site", "SiteManager", "RequestSite", "get_current_site", "CurrentSiteMiddleware",
    "CurrentSiteManager", "SitesConfig",
    "EmailMessage", "EmailMultiAlternatives", "send_mail", "send_mass_mail",
    "mail_admins", "mail_managers", "get_connection",
]



# The cyclic garbage collector pauses while djscratch loads (and runs again
# at the end of the file, if it was on): loading makes some 300,000 objects
# (1,200 classes, their functions and dicts), which trigger about 80
# collections that find nothing to free, a tenth of the import's CPU time.
# (One dunder assignment, so that the imports below still count as the top.)
__djscratch_gc_was_enabled__ = __import__("gc").isenabled() and (
    __import__("gc").disable() is None)

import sys

if __name__ == "__main__":
    # `python -m djscratch ...`: load this file once more under its real name and
    # run the command line there, so `djscratch` and `django.*` name one set of
    # classes (the __main__ copy stops here, having defined nothing).
    if __djscratch_gc_was_enabled__:
        __import__("gc").enable()
    import djscratch

    sys.exit(djscratch.main())


# Every module's top-level names, in the order the modules load (tools/amalgamate.py
# concatenates them in this order), so `djscratch.X` works as on the single file.
from djscratch.sections import (  # noqa: F401
    _SECTION_NEEDS, _DEFERRED_NAMES, _SECTION_DIGESTS, _SECTION_PLACES,
    _SECTIONS_LOADED, _SECTION_LOCK, _SECTION_BEGIN, _SECTION_END, _INSPECT_VIEW,
    _section_blocks, _read_section_blocks, _section_code,
    _section_cache_path, _show_sections_to_inspect, _SectionLinesOnFirstUse,
    _METHODS_ON_FIRST_USE, _MethodOnFirstUse, _put_methods_in_place,
    _methods_on_first_use,
)
from djscratch.utils.version import (  # noqa: F401
    get_complete_version, get_docs_version, get_main_version, get_version,
    get_version_tuple, PY310, PY311, PY312, PY313, PY314, PY38, PY39, PYPY, VERSION,
    _VERSION_STRING, get_git_changeset,
)
from djscratch.utils.functional import (  # noqa: F401
    _app_registry, _evaluated, _proxied, cached_property, classproperty, empty,
    keep_lazy, keep_lazy_text, lazy, LazyObject, lazystr, new_method_proxy, Promise,
    SimpleLazyObject, unpickle_lazyobject, wraps,
)
from djscratch.asgiref_fallback import (  # noqa: F401
    _CO_COROUTINE, _general_iscoroutinefunction, _awaitable_method, _asgiref_sync,
    iscoroutinefunction, markcoroutinefunction,
)
from djscratch.views.debug_decorators import (  # noqa: F401
    _register_sensitive_coroutine, _sensitive_coroutine_file,
    coroutine_functions_to_sensitive_variables, sensitive_variables,
)
from djscratch.utils.choices import (  # noqa: F401
    _is_choices_enum, BaseChoiceIterator, BlankChoiceIterator, CallableChoiceIterator,
    flatten_choices, normalize_choices,
)
from djscratch.utils.module_loading import (  # noqa: F401
    _lazy_import, _StdlibOnFirstUse, _package, autodiscover_modules, cached_import,
    _compile_generated, _GENERATED_CODE_DIR, _generated_code_dir, _keep_generated,
    _GENERATED_CODE_LIMIT, _prune_generated, _written_for_django,
    import_string, module_dir, module_has_submodule,
)
from djscratch.asgiref_bridges import (  # noqa: F401
    _current_executor, _in_event_loop, _LocalStorage, _NO_VALUE, _restore_context,
    _with_exception, _sync_thread, async_to_sync, AsyncToSync, CurrentThreadExecutor,
    Local, sync_to_async, SyncToAsync, ThreadSensitiveContext,
)
from djscratch.utils.tree import _tree_hashable, TreeNode  # noqa: F401
from djscratch.utils.regex_helper import (  # noqa: F401
    _lazy_re_compile, _LazyRegex, _re, _re_cache, _apply_quantifier, _Disjunction,
    _ESCAPE_STAND_INS, _holds_group, _node_forms, _quantifier_minimum, _regex_chars,
    _regex_forms, _regex_group, _regex_sequence, _sequence_forms, _skip_group, _take,
    normalize,
)
from djscratch.utils.translation import (  # noqa: F401
    _project_catalog_exists, _project_catalog_locales, _active_language,
    _ActiveLanguage, _DISABLED, _language_activity, activate as translation_activate,
    deactivate as translation_deactivate, deactivate_all, get_language,
    get_language_bidi, gettext, gettext_lazy, gettext_noop, ngettext, ngettext_lazy,
    npgettext, npgettext_lazy, override as translation_override, pgettext,
    pgettext_lazy, _DJANGO_LOCALES, _LANGUAGE_CODE_RE, check_for_language, to_locale,
    _ACCEPT_LANGUAGE_RE, _LANGUAGE_PREFIX_RE, get_language_from_path,
    get_language_from_request, get_languages, get_supported_language_variant,
    parse_accept_lang_header, _LANG_INFO, get_language_info,
)
from djscratch.utils.translation import (  # noqa: F401
    _active_translation, _CONTEXT_SEPARATOR, _i18n_app_configs, _keep_safe,
    _load_translation, _locale_dirs, _merge_catalog, _Translation, _translations,
    _TranslationCache, _translations_registered,
)
from djscratch.utils.encoding import _encoding_quote  # noqa: F401
from djscratch.utils.encoding import (  # noqa: F401
    _is_hex, is_protected_type, escape_uri_path, filepath_to_uri, force_bytes,
    force_str, iri_to_uri, repercent_broken_unicode, smart_str, uri_to_iri,
    DjangoUnicodeDecodeError, get_system_encoding, smart_bytes,
)
from djscratch.utils.safestring import (  # noqa: F401
    mark_safe, SafeData, SafeString, SafeText,
)
from djscratch.utils.datastructures import (  # noqa: F401
    DictWrapper, ImmutableList, MultiValueDict, MultiValueDictKeyError, OrderedSet,
    _MISSING_KEY,
)
from djscratch.utils.hashable import make_hashable  # noqa: F401
from djscratch.utils.inspect import (  # noqa: F401
    _get_callable_parameters, _get_func_parameters, ARG_KINDS, func_accepts_kwargs,
    func_accepts_var_args, func_supports_parameter, get_func_args, get_func_full_args,
    method_has_no_args,
)
from djscratch.dispatch.dispatcher import (  # noqa: F401
    _make_id, _matching_receivers, _none_ref, _receiver_accepts_kwargs,
    _remembered_sender, _remembered_steps, _run_member, _send_remembered, _send_run,
    NONE_ID,
    receiver, Signal,
)
from djscratch.dispatch.dispatcher_extra import _SignalMore  # noqa: F401
from djscratch.core.signals import (  # noqa: F401
    _pending_uids, _when_model_prepared, ModelSignal, class_prepared,
    got_request_exception, m2m_changed, post_delete, post_init, post_save, pre_delete,
    pre_init, pre_save, request_finished, request_started, post_migrate, pre_migrate,
    setting_changed, template_rendered,
)
from djscratch.core.exceptions import (  # noqa: F401
    AppRegistryNotReady, BadRequest, DisallowedHost, EmptyResultSet, FieldDoesNotExist,
    FieldError, FullResultSet, Http404, ImproperlyConfigured, MultipleObjectsReturned,
    NON_FIELD_ERRORS, NoReverseMatch, ObjectDoesNotExist, PermissionDenied,
    RequestDataTooBig, Resolver404, SuspiciousOperation, TooManyFieldsSent,
    ValidationError,
)
from djscratch.core.exceptions_extra import (  # noqa: F401
    DisallowedRedirect, MiddlewareNotUsed, RequestAborted, SuspiciousFileOperation,
    SuspiciousMultipartForm, TooManyFilesSent, ViewDoesNotExist,
)
from djscratch.utils.archive import (  # noqa: F401
    _ARCHIVE_EXTENSIONS, Archive, ArchiveException, BaseArchive,
    extract as archive_extract, TarArchive, UnrecognizedArchiveFormat, ZipArchive,
)
from djscratch.utils.termcolors import (  # noqa: F401
    _palette, _ROLES, background, color_names, colorize, DARK_PALETTE, DEFAULT_PALETTE,
    foreground, LIGHT_PALETTE, make_style as termcolors_make_style, NOCOLOR_PALETTE,
    opt_dict, PALETTES, parse_color_setting, RESET,
)
from djscratch.core.management.color import (  # noqa: F401
    _no_colour, color_style, make_style, no_style, Style, supports_color,
)
from djscratch.core.management.base import (  # noqa: F401
    _BUILTIN_COMMAND_CLASSES, ALL_CHECKS, AppCommand, BaseCommand, CommandError,
    CommandParser, COMMANDS, DjangoHelpFormatter, handle_default_options, LabelCommand,
    OutputWrapper, SystemCheckError, no_translations,
)
from djscratch.conf import (  # noqa: F401
    _add_script_prefix, _clear_settings_derived, _DJANGO_LANGUAGES, _settings_derived,
    _settings_derived_caches, _settings_token, _SETTINGS_TOKEN_CACHE,
    DEFAULT_STORAGE_ALIAS,
    ENVIRONMENT_VARIABLE, FORMS_URLFIELD_ASSUME_HTTPS_DEPRECATED_MSG, GLOBAL_SETTINGS,
    LazySettings, Settings, _settings_module_values, _warn_forms_urlfield_assume_https,
    settings, STATICFILES_STORAGE_ALIAS, _set_process_time_zone,
)
from djscratch.utils.timezone import (  # noqa: F401
    _active_tz, _ActiveTimezone, _default_timezones, _get_timezone_name,
    _time_zone_changed, _tz, _tz_environ_saved, activate, deactivate,
    get_current_timezone, get_current_timezone_name, get_default_timezone,
    get_fixed_timezone, get_default_timezone_name, is_aware, is_naive, localdate,
    localtime, make_aware, make_naive, now, override as timezone_override, timedelta,
    _datetime_ambiguous_or_imaginary, _learn_same_zone, _same_zone, _same_zone_lock,
    _SameZone, _UNKNOWN_ZONE, _zone_activated,
)
from djscratch.utils.log import (  # noqa: F401
    _DEFAULT_REPORTER, _configure_logging_at_setup, _escape_log_args, _get_logger,
    _log_classes, _mark_server_logging_done, _server_logging_done, _log_response,
    _logging_classes, _logging_pending, _null_handler_pending, _quiet_django_logger,
    _status_style, configure_logging, DEFAULT_LOGGING, log_message, log_response,
)
from djscratch.utils.log_classes import (  # noqa: F401
    _make_logging_classes,
)
from djscratch.utils.html import (  # noqa: F401
    _escape_text, _has_long_open_tags, _html_parser_class, _js_escapes, _json_default,
    _strip_once, _tag_stripper, _tag_stripper_class, avoid_wrapping, conditional_escape,
    escape, escapejs, format_html, format_html_join, html_safe, json_script, linebreaks,
    MAX_STRIP_TAGS_DEPTH, _escaped_text, _escape_utf8, _UTF8_ESCAPE_FROM, strip_tags,
    VOID_ELEMENTS,
)
from djscratch.utils.html_extra import (  # noqa: F401
    _urlizer_handle_word, smart_urlquote, _unquote_quote, _URL_SAFE, _URL_UNCHANGED,
    _urlunsplit, urlize, Urlizer, urlizer,
)
from djscratch.utils.dateparse import (  # noqa: F401
    _date_re, _datetime_re, _iso8601_duration_re, _postgres_interval_re,
    _standard_duration_re, _time_re, parse_date, parse_datetime, parse_duration,
    parse_time,
)
from djscratch.utils.text import (  # noqa: F401
    _format_lazy, capfirst, format_lazy, normalize_newlines, slugify,
    unescape_string_literal,
)
from djscratch.utils.text_extra import (  # noqa: F401
    _add_truncation_text, _truncate_chars_length, _truncate_html, get_valid_filename,
    phone2numeric, Truncator, wrap, _get_random_filename, compress_sequence,
    compress_string, StreamingBuffer,
)
from djscratch.utils.lorem_ipsum import (  # noqa: F401
    COMMON_P, COMMON_WORDS, paragraph as lorem_paragraph,
    paragraphs as lorem_paragraphs, sentence as lorem_sentence, words as lorem_words,
    WORDS,
)
from djscratch.utils.duration import (  # noqa: F401
    duration_iso_string, duration_microseconds, duration_string,
)
from djscratch.utils.dates import (  # noqa: F401
    _MONTH_WORDS, MONTHS, MONTHS_3, MONTHS_ALT, MONTHS_AP, WEEKDAYS, WEEKDAYS_ABBR,
)
from djscratch.apps.registry import (  # noqa: F401
    _CONTRIB_APPS, _CONTRIB_MODELS_BUILT_ON_FIRST_USE, _CONTRIB_OTHER_CONFIGS,
    _contrib_config, AppConfig, Apps, apps, setup,
)
from djscratch.apps.registry_extra import _AppConfigMore, _AppsMore  # noqa: F401
from djscratch.core.checks.messages import (  # noqa: F401
    CheckMessage, Critical as CheckCritical, CRITICAL as CHECK_CRITICAL,
    Debug as CheckDebug, DEBUG as CHECK_DEBUG, Error as CheckError,
    ERROR as CHECK_ERROR, Info as CheckInfo, INFO as CHECK_INFO,
    Warning as CheckWarning, WARNING as CHECK_WARNING,
)
from djscratch.core.checks.registry import (  # noqa: F401
    _accepts_kwargs, _build_builtin_checks, _CO_VARKEYWORDS, CheckRegistry, register,
    registry, run_checks, tag_exists, Tags, _checks_set,
)
from djscratch.app import (  # noqa: F401
    _in_test_environment, _persistent_secret_key, App, DEFAULT_MIDDLEWARE,
)
from djscratch.utils.crypto import (  # noqa: F401
    _md5, constant_time_compare, get_random_string, InvalidAlgorithm, pbkdf2,
    RANDOM_STRING_CHARS, salted_hmac,
)
from djscratch.core.management.utils import (  # noqa: F401
    _NO_BLACK_PATH, find_command, get_command_line_option, get_random_secret_key,
    handle_extensions, is_ignored_path, normalize_path_patterns,
    parse_apps_and_model_labels, popen_wrapper, run_formatters,
)
from djscratch.core.signing import (  # noqa: F401
    _BASE62_ALPHABET, _cookie_signer_key, _cookie_signer_legacy_salt,
    _cookie_signer_salt, _unsign_cookie, b62_decode, b62_encode, b64_decode, b64_encode,
    BadSignature, base64_hmac, dumps, get_cookie_signer, JSONSerializer, loads,
    SignatureExpired, Signer, TimestampSigner,
)
from djscratch.utils.http import _http_datetime  # noqa: F401
from djscratch.utils.http import (  # noqa: F401
    _is_safe_url, _MONTHS, _split_header_params, _split_quoted_header_params, _WEEKDAYS,
    base36_to_int, content_disposition_header, escape_leading_slashes, http_date,
    int_to_base36, is_same_domain, MAX_URL_LENGTH, MAX_URL_REDIRECT_LENGTH, parse_etags,
    parse_header_parameters, parse_http_date, parse_http_date_safe, quote_etag,
    url_has_allowed_host_and_scheme, urlencode, urlsafe_base64_decode,
    urlsafe_base64_encode,
)
from djscratch.http.cookie import (  # noqa: F401
    _BLANK_MORSEL, _fresh_morsel, _COOKIE_ATTRIBUTE_NAMES, _COOKIE_ATTRIBUTE_TEXT,
    _plain_cookie, _PLAIN_ATTRIBUTE_CHARS, _PLAIN_COOKIE_CHARS,
    _ATTRIBUTE_TEXTS, _plain_attributes_text, _plain_set_cookie_header,
    _remembered_set_cookie_header, _text_around_expires,
    _simple_cookie_class, _unescape_cookie_match, _unquote_cookie_value, parse_cookie,
)
from djscratch.utils._os import (  # noqa: F401
    safe_join, safe_makedirs, symlinks_supported, to_path,
)
from djscratch.utils.deconstruct import deconstructible  # noqa: F401
from djscratch.core.files.utils import (  # noqa: F401
    FileProxyMixin, validate_file_name,
)
from djscratch.core.files.base import _ends_with, ContentFile, File  # noqa: F401
from djscratch.core.files.locks import (  # noqa: F401
    _fcntl, _lock_fd, lock, LOCK_EX, LOCK_NB, LOCK_SH, unlock,
)
from djscratch.core.files.move import _move_same_file, file_move_safe  # noqa: F401
from djscratch.core.files.temp import gettempdir, NamedTemporaryFile  # noqa: F401
from djscratch.core.files.images import get_image_dimensions, ImageFile  # noqa: F401
from djscratch.core.files.storage import (  # noqa: F401
    _datetime_from_timestamp, _Deconstructible, _MemoryDir, _MemoryFile, _MemoryTimes,
    _media_url_with_prefix, _setting_property, _StorageSettings, _storages_changed,
    default_storage, DefaultStorage, FileSystemStorage, InMemoryStorage,
    InvalidStorageError, Storage, StorageHandler, storages,
)
from djscratch.core.files.uploadedfile import (  # noqa: F401
    InMemoryUploadedFile, SimpleUploadedFile, TemporaryUploadedFile, UploadedFile,
)
from djscratch.core.files.uploadhandler import (  # noqa: F401
    FileUploadHandler, load_handler, MemoryFileUploadHandler, SkipFile,
    StopFutureHandlers, StopUpload, TemporaryFileUploadHandler, UploadFileException,
)
from djscratch.http.multipartparser import (  # noqa: F401
    _Base64Decoder, _close_handler_files, _decode_base64_field, _decode_part_text,
    _exhaust, _MultipartPartsParser, _MultipartReader, _parse_multipart, _parse_parts,
    _sanitize_upload_name, _UploadSink, FIELD, FIELD_TYPES, FILE, InputStreamExhausted,
    LazyStream, MAX_TOTAL_HEADER_SIZE, MultiPartParser, MultiPartParserError, RAW,
    ChunkIter,
)
from djscratch.http.request import (  # noqa: F401
    _allowed_host_memo, _bytes_to_text, _decoded_path_info, _host_is_allowed,
    _joined_path, _remember_allowed_host, _LimitedStream, _NO_BODY, LimitedStream,
    _has_attribute, _promise_attribute, _promised_unbuilt, _PromisedAttribute,
    MediaType, _parse_form_strict, _TOO_MANY_FIELDS, CaseInsensitiveMapping,
    get_script_name, HttpHeaders, HttpRequest, QueryDict, RAISE_ERROR,
    RawPostDataException, split_domain_port, UnreadablePostError, validate_host,
    WSGIRequest, _HOST_NAME_CHARACTERS, _split_plain_host, _split_host_by_pattern,
)
from djscratch.http.request_extra import _HttpRequestMore, _QueryDictMore  # noqa: F401
from djscratch.http.response import (  # noqa: F401
    _charset_cache, _checked_header_items, _clean_header_names, _clean_header_values,
    _default_content_type, _default_response_parts, _set_content_length,
    _set_missing_headers, _plain_content, _reason_phrases, _status_phrase,
    _COMMON_STATUS_PHRASES,
    BadHeaderError, HttpResponse, HttpResponseBase, HttpResponsePermanentRedirect,
    HttpResponseRedirect, HttpResponseRedirectBase, JsonResponse, ResponseHeaders,
)
from djscratch.http.response_extra import (  # noqa: F401
    _guess_content_type, FileResponse, HttpResponseBadRequest, HttpResponseForbidden,
    HttpResponseGone, HttpResponseNotAllowed, HttpResponseNotFound,
    HttpResponseNotModified, HttpResponseServerError, StreamingHttpResponse,
)
from djscratch.core.serializers.json import (  # noqa: F401
    _duration_iso_string, _make_django_json_encoder,
)
from djscratch.core.mail.message import (  # noqa: F401
    _address_list, _punycode, _split_address, _UTF8_8BIT, _UTF8_QP, ADDRESS_HEADERS,
    CachedDnsName, MIMEText, DEFAULT_ATTACHMENT_MIME_TYPE, DNS_NAME, EmailAlternative,
    EmailAttachment, EmailMessage, EmailMultiAlternatives, forbid_multi_line_headers,
    make_msgid, MIMEMixin, RFC5322_EMAIL_LINE_LENGTH_LIMIT, SafeMIMEMessage,
    SafeMIMEMultipart, SafeMIMEText, sanitize_address,
)
from djscratch.core.mail.backends import (  # noqa: F401
    _mail_module, _OUTBOX_HOLDER, _setting_unless_given, BaseEmailBackend,
    ConsoleEmailBackend, DummyEmailBackend, FileEmailBackend, LocmemEmailBackend,
    SmtpEmailBackend,
)
from djscratch.core.mail.sending import (  # noqa: F401
    _mail_people, get_connection, mail_admins, mail_managers, send_mail, send_mass_mail,
)
from djscratch.urls.converters import (  # noqa: F401
    DEFAULT_CONVERTERS, get_converters, IntConverter, PathConverter, register_converter,
    REGISTERED_CONVERTERS, SlugConverter, StringConverter, UUIDConverter,
)
from djscratch.urls.utils import (  # noqa: F401
    _has_submodule, get_callable, get_mod_func,
)
from djscratch.urls.resolvers import (  # noqa: F401
    _join_entries, _join_prefixes, _join_route, _LANGUAGE_PREFIX_MARKS,
    _language_prefix, _pattern_source, _reverse_entry, _route_to_regex, RegexPattern,
    ResolverMatch, RoutePattern, URLPattern, URLResolver, _join_forms,
    _renumber_positional, _reverse_candidate, LocaleRegexDescriptor, _check_route,
)
from djscratch.urls.i18n_patterns import (  # noqa: F401
    LocalePrefixPattern, _TranslatedRoutePattern,
)
from djscratch.urls.conf import _make_path, include, path, re_path  # noqa: F401
from djscratch.urls.base import (  # noqa: F401
    _add_query, _resolver_cache, _reverse_state, _reverse_uncached,
    _url_settings_changed, _URLState, _urlstate, clear_script_prefix, clear_url_caches,
    get_resolver, get_script_prefix,
    get_urlconf, is_valid_path, resolve, reverse, reverse_lazy, set_script_prefix,
    set_urlconf, translate_url,
)
from djscratch.contrib.staticfiles.urls import (  # noqa: F401
    _custom_static_storage, _PLAIN_STATIC_STORAGE, _static_prefix, _static_urls,
    static_url, static_urlpatterns, staticfiles_urlpatterns,
)
from djscratch.contrib.staticfiles.utils import (  # noqa: F401
    _with_script_prefix, check_settings, get_files, matches_patterns,
)
from djscratch.contrib.staticfiles.storage import (  # noqa: F401
    _split_name, _static_storage_changed, _static_url_prefix, _with_path,
    ConfiguredStorage, HashedFilesMixin, ManifestFilesMixin, ManifestStaticFilesStorage,
    StaticFilesStorage, staticfiles_storage,
)
from djscratch.utils.timesince import timesince, timeuntil  # noqa: F401
from djscratch.utils.numberformat import (  # noqa: F401
    _group_digits, format as numberformat_format,
)
from djscratch.utils.formats import (  # noqa: F401
    _EN_FORMATS, _INPUT_FORMAT_NAMES, _ISO_INPUT_FORMATS, _MONTH_NAMES, _MONTHS_AP,
    _WEEKDAY_NAMES, _with_iso_formats, date_format, formats_time_format, get_format,
    localize_input, sanitize_separators, _BuiltinFormats, _DJANGO_FORMAT_LOCALES,
    _EN_FORMAT_MODULE, _en_by_code, _en_format, _en_formats_active,
    _first_source, _default_language_formats, _format_sources,
    _format_value, _formats_are_en, _lacks_formats, _locales_of, _MISSING_FORMATS,
    _missing_formats_message, _warn_missing_formats, _warned_languages,
    FORMAT_SETTINGS, get_format_modules, ISO_INPUT_FORMATS, iter_format_modules,
    LocaleFormatsWarning, reset_format_cache, sanitize_strftime_format,
    _sanitized_formats, _YEAR_SPECIFIER_WIDTHS, get_format_lazy,
)
from djscratch.utils.dateformat import (  # noqa: F401
    _compile_date_format, _date_format_code, _date_format_pieces, _date_formatters,
    _date_output, _date_outputs, _DATE_SPEC_EXPRS, _make_date_function, _MONTHS_3_LOWER,
    _parse_date_format, _time_f, _time_P, _F_HOURS, _F_MINUTES, _P_HOURS, _P_MINUTES,
    _TIME_SPECIFIERS, DateFormat, dateformat, TimeFormat, timeformat, _DATE_SPECIFIERS,
    _DATE_REFUSED_SPECIFIERS, _fixed_offset_zone, _ZONE_NAME_SPECIFIERS, _zone_spec,
    _names_a_format, _split_date_format_by_pattern, _split_plain_date_format,
)
from djscratch.utils.dateformat_extra import _DateFormatMore  # noqa: F401
from djscratch.template.codegen import (  # noqa: F401
    _Binding, _code_literal, _CodeGen, _compile_nodelist, _compile_source, _Compiled,
    _Function, _generate, _LOOP_ATTRIBUTES, _or_invalid, _render_node, _safe_filter,
    _KEPT_STATE_VERSION, _OWN_FILES, _own_files, _own_name, _own_object, _KeptState,
)
from djscratch.template.runtime import (  # noqa: F401
    _ATTR, _attr_site, _call_found, _call_variable, _chain_site, _subscript_first,
    _FunctionType, _MethodType,
    _context_engine, _ctx_get,
    _ctx_values, _datetime_html, _escape_attr_site, _escape_output, _escape_value,
    _exact_datetime, _failed_lookup, _FULL, _KEY, _lookup_kind, _STR_KEY_REFUSERS,
    _text_attr_site, _for_values, _if_and, _if_eq, _if_ge, _if_gt, _if_in, _if_is,
    _if_is_not, _if_le, _if_lt, _if_ne, _if_not, _if_not_in, _if_or, _if_true,
    _is_localized, _localize, _lookup_attribute, _lookup_bit, _lookup_index, _Marker,
    _NOT_FOUND, _number_format, _RAISE, _number_format_by_formats, _rename_plan,
    _plain_settings_separators, _l10n_off_seen, _value_by_formats, _template_localtime,
    _test, _text_output, _text_value, _type_defines, _unpack, _var, _l10n_state,
    _dir_lists, _object_dir, _GENERIC_GETATTRIBUTES, _SITE_MAKERS_SOURCE, _site_makers,
    _site_makers_by_name, _is_identifier, _SITE_NAME, _SITE_MAKERS_CODE,
    _compiled_site_makers, _site_makers_code, _renamed_code,
)
from djscratch.template.base import (  # noqa: F401
    _apply_filter, _cache_lock, _check_filter_args, _CONSTANT, _Filter, _FILTER_PATTERN,
    _plain_literal,
    _FilterChain, _mapping_get, _NOT_FOUND_NAME, _NUM, _REFRESH, _tag_re, _tokenize,
    DJANGO_SYNTAX, FilterExpression, get_text_list, NATIVE_SYNTAX, Node, NodeList,
    Origin, Parser, smart_split, Template, TemplateDoesNotExist, TemplateSyntaxError,
    TextNode, Token, UNKNOWN_SOURCE, Variable, VariableDoesNotExist, VariableNode,
    FILTER_SEPARATOR, FILTER_ARGUMENT_SEPARATOR, VARIABLE_ATTRIBUTE_SEPARATOR,
    BLOCK_TAG_START, BLOCK_TAG_END, VARIABLE_TAG_START, VARIABLE_TAG_END,
    COMMENT_TAG_START, COMMENT_TAG_END, SINGLE_BRACE_START, SINGLE_BRACE_END, TokenType,
    _TOKEN_TYPES, _TOKEN_DELIMITERS, Lexer, DebugLexer, _resolve_logged,
    render_value_in_context, linebreak_iter, _debug_mark, _DEBUG_MARK, _inline_escape,
    _TEMPLATE_LINES, _show_template_lines, _word_end, _quoted_end, _split_plain_words,
    _plain_filter_expression, _smart_split_by_pattern,
)
from djscratch.template.base_extra import _ParserMore, _TemplateMore  # noqa: F401
from djscratch.template.context import (  # noqa: F401
    _BoundTemplate, _context_dict, _OwnContextDict, _PLAIN_CONTEXT_METHODS,
    _PLAIN_CONTEXT_OPTIONS, _request_context_for, _RenderState, BaseContext, Context,
    ContextDict, ContextPopException, make_context, RenderContext, RequestContext,
)
from djscratch.template.loader_tags import (  # noqa: F401
    _BlockDef, _BlockRef, _chain_blocks, _extends, _include, _INCLUDE_DEPTH_LIMIT,
    _relative_name,
    construct_relative_path, _render_block, _include_scope, _named_include,
    BLOCK_CONTEXT_KEY, BlockContext,
)
from djscratch.template.loaders import (  # noqa: F401
    _AppDirectoriesLoader, _BaseLoader, _CachedLoader, _FileLoader, _LOADER_CLASSES,
    _LocmemLoader, _safe_join,
)
from djscratch.template.engine import (  # noqa: F401
    _BUILTIN_LIBRARY_PATHS, _EXPRESSION, _import_library, _import_processor,
    _EMBEDDED_LIBRARIES, _installed_libraries, _mixed_syntax_message, _syntax_lines,
    _SYNTAX_NAMES, _syntax_use, _is_variable_expression, _template_syntax,
    _VARIABLE_EXPRESSION, Engine, _package_libraries, InvalidTemplateLibrary,
)
from djscratch.template.backends import (  # noqa: F401
    _BACKENDS, _BackendTemplate, _csrf_token, _engines_built, _template_files,
    _template_syntax_problems, _template_tag_modules, BaseEngine, csrf_input,
    csrf_input_lazy, csrf_token_lazy, DjangoTemplates, DjscratchTemplates,
    EngineHandler, get_app_template_dirs, InvalidTemplateEngineError,
    get_exception_info,
)
from djscratch.template.backends_extra import (  # noqa: F401
    _dummy_template_class, _DUMMY_TEMPLATE_CLASS, Jinja2Backend, TemplateStrings,
    _jinja2_loader, _jinja2_forms_loader, _Jinja2Template, Jinja2Origin,
    _jinja2_syntax_error,
)
from djscratch.template.loader import (  # noqa: F401
    _engine_list, _reset_template_caches, engines, get_template, render_to_string,
    select_template,
)
from djscratch.template.context_processors import (  # noqa: F401
    _cp_csrf, _cp_debug, _cp_i18n, _cp_media, _cp_request, _cp_static, _cp_tz,
    _lazy_call, _LazyCallProxy,
)
from djscratch.template.response import (  # noqa: F401
    ContentNotRenderedError, SimpleTemplateResponse, TemplateResponse,
)
from djscratch.template.library import (  # noqa: F401
    _argspec, _generate_call, _node_value, _tag_escaped, _ValueNode, InclusionNode,
    Library, parse_bits, SimpleBlockNode, SimpleNode, token_kwargs,
)
from djscratch.template.library_extra import _LibraryMore  # noqa: F401
from djscratch.template.smartif import (  # noqa: F401
    _EndToken, _smartif_safe, _with_ids, EndToken, IfParser, infix, Literal, OPERATORS,
    prefix, TokenBase,
)
from djscratch.template.defaulttags_nodes import (  # noqa: F401
    _capture, _generate_cycle_ref, _same_cycle, AutoEscapeControlNode, CycleNode,
    DebugNode, FilterNode, FirstOfNode, IfChangedNode, LoremNode, NowNode, RegroupNode,
    ResetCycleNode, SpacelessNode, TemplateTagNode, VerbatimNode, WidthRatioNode,
)
from djscratch.template.defaulttags import (  # noqa: F401
    _cycle, _find_library, _IF_OPERATORS, _ifchanged, _ifchanged_frame, _IfEnd,
    _IfLiteral, _IfOperator, _IfParser, _runtime_namespace, _tag_autoescape, _tag_block,
    _tag_comment, _tag_csrf_token, _tag_cycle, _tag_extends, _tag_filter, _tag_firstof,
    _tag_for, _tag_if, _tag_ifchanged, _tag_include, _tag_load, _tag_lorem, _tag_now,
    _tag_querystring, _tag_regroup, _tag_resetcycle, _tag_spaceless, _tag_templatetag,
    _tag_url, _tag_verbatim, _tag_widthratio, _tag_with, _TEMPLATETAG_NAMES, BlockNode,
    CommentNode, CsrfTokenNode, default_tags, ExtendsNode, _tag_debug, ForNode, IfNode,
    IncludeNode, LoadNode, strip_spaces_between_tags, URLNode, WithNode,
    _NO_CURRENT_APP, _url_current_app,
)
from djscratch.templatetags.static import (  # noqa: F401
    _iri_prefix, _prefix_tag, _tag_static, get_media_prefix, get_static_prefix,
    static_library, StaticNode,
)
from djscratch.templatetags.i18n_nodes import (  # noqa: F401
    _LanguageInfoNode, _LanguageValueNode, LanguageNode, LocalizeNode, TranslateNode,
    BlockTranslateNode, _TRIM_WHITESPACE_RE,
)
from djscratch.templatetags.i18n import (  # noqa: F401
    _as_variable_tag, _available_languages, _f_l10n_localize, _f_language_bidi,
    _f_language_name, _f_language_name_local, _f_language_name_translated, _f_localtime,
    _language_info_tag, _f_unlocalize, _tag_blocktranslate, _tag_language,
    _tag_localize, _tag_translate, i18n_library, l10n_library, tz_library,
)
from djscratch.template.defaultfilters import (  # noqa: F401
    _date_filter_for, _date_by_formats, _escaped_date_by_formats,
    _escape_date, _escape_linebreaksbr, _f_add, _f_addslashes,
    _float_places, _floatformat_decimal, _f_capfirst, _f_center, _f_cut, _f_date,
    _f_default, _f_default_if_none, _f_dictsort, _f_dictsortreversed, _f_divisibleby,
    _f_escape, _f_escapejs, _f_escapeseq, _f_filesizeformat, _f_first, _f_floatformat,
    _f_force_escape, _f_get_digit, _f_iriencode, _f_join, _f_json_script, _f_last,
    _f_length, _f_linebreaks, _f_linebreaksbr, _f_linenumbers, _f_ljust, _f_lower,
    _f_make_list, _f_phone2numeric, _f_pluralize, _f_pprint, _f_random, _f_rjust,
    _f_safe, _f_safeseq, _f_slice, _f_slugify, _f_stringformat, _f_striptags, _f_time,
    _f_timesince, _f_timeuntil, _f_title, _f_truncatechars, _f_truncatechars_html,
    _f_truncatewords, _f_truncatewords_html, _f_unordered_list, _f_upper, _f_urlencode,
    _f_urlize, _f_urlizetrunc, _f_wordcount, _f_wordwrap, _f_yesno, _fast_date,
    _fast_linebreaks, _fast_linebreaksbr, _fast_lower, _fast_upper, _filter,
    _property_resolver, default_filters, localize, number_format, stringfilter,
)
from djscratch.db.utils import (  # noqa: F401
    _ConnectionProxy, _databases_changed, _MISSING_DATABASES, _router, _routers_changed,
    _thread_wrappers, close_old_connections, connection, connection_created,
    ConnectionDoesNotExist, ConnectionHandler, ConnectionRouter, connections,
    load_db_backend, DatabaseError, DEFAULT_DB_ALIAS, Error, IntegrityError,
    NotSupportedError, OperationalError, ProgrammingError, reset_queries,
    TransactionManagementError, DJANGO_VERSION_PICKLE_KEY,
)
from djscratch.db.utils_extra import (  # noqa: F401
    _db_error_class, _raise_db_error, DataError, InterfaceError, InternalError,
    LookupValidationError, LookupValueError, UnstorableValueError,
)
from djscratch.utils.connection import BaseConnectionHandler  # noqa: F401
from djscratch.db.backends.base.validation import (  # noqa: F401
    BaseDatabaseValidation,
)
from djscratch.db.backends.sqlite import (  # noqa: F401
    _ListAggregate, _SQLITE_AGGREGATES, _statistics_aggregate, _extract, _POPULATING,
    _query_during_app_init,
    _FORBIDDEN_ALIAS_PATTERN, _INTEGER_RANGES, _interpolate, _Introspection,
    _is_quoted_identifier, _QUOTED_NAMES, _quote_name, _quote_literal,
    _sqlite_date_extract, _sqlite_date_trunc, _sqlite_integer_range,
    _sqlite_datetime_cast, _sqlite_datetime_extract, _sqlite_datetime_trunc,
    _sqlite_parse_dt, _sqlite_regexp, _sqlite_time_extract, check_alias, CursorWrapper,
    DatabaseCreation, DatabaseFeatures, DatabaseOperations, DatabaseWrapper, quote_name,
    _sqlite_time_trunc, _sqlite_tz, _typecast_timestamp, _sqlite_format_dtdelta,
    _sqlite_time_diff, _sqlite_timestamp_diff, _null_safe, _sqlite_lpad, _sqlite_rpad,
    _hexdigest, _sqlite_functions, _register_sqlite_functions, _sqlite_rand,
)
from djscratch.db.backends.sqlite_extra import (  # noqa: F401
    _DatabaseCreationMore, _DatabaseWrapperMore,
)
from djscratch.db.migrations.state import (  # noqa: F401
    _MigrationModelState, _refuse_migration_state, ProjectState,
)
from djscratch.db.transaction import (  # noqa: F401
    _non_atomic_requests, _TransactionModule, Atomic, atomic, commit, get_autocommit,
    get_rollback, mark_for_rollback_on_error, non_atomic_requests, on_commit, rollback,
    savepoint, savepoint_commit, savepoint_rollback, set_autocommit, set_rollback,
    transaction,
)
from djscratch.db.models.enums import (  # noqa: F401
    _ChoicesType, Choices, IntegerChoices, TextChoices,
)
from djscratch.db.models.query_utils import (  # noqa: F401
    _cached_class_lookups, _clear_lookup_caches, _lookup_caches,
    _register_builtin_lookups, class_or_instance_method, FilteredRelation, PathInfo,
    RegisterLookupMixin, _PrivateField, _select_related_fields, _check_deferred_name,
    _loaded_fields, _names_below,
)
from djscratch.db.models.constants import LOOKUP_SEP, OnConflict  # noqa: F401
from djscratch.db.models.fields import (  # noqa: F401
    _adapt_datetime, _INTERNAL_TYPES, _capfirst, _check_text, _text_db_prep_save,
    _convert_datetime, _convert_datetime_aware, _convert_datetime_naive,
    _DECONSTRUCT_ATTRS, _DECONSTRUCT_DEFAULTS, _make_next_or_previous,
    _max_length_check, _naive_datetime_warning, _parse_date_text, AutoField,
    BigAutoField, BLANK_CHOICE_DASH, CharField, _is_composite_pk, _pk_row_sql,
    _instance_of_any, _is_number_field, _PREPARED_BY_DB_VALUE, _custom_lookup_value,
    _LOOKUP_PREPARERS,
    DateField, DateTimeField, DeferredAttribute, Field, IntegerField, NOT_PROVIDED,
    _datetime_fromisoformat, TextField, _db_prep_save_of, _TEXT_FORMS,
)
from djscratch.db.models.fields_extra import (  # noqa: F401
    _ValidatorField, BigIntegerField, BinaryField, BooleanField,
    CommaSeparatedIntegerField, CompositeAttribute, CompositePrimaryKey, IPAddressField,
    NullBooleanField as ModelNullBooleanField, DecimalField, DurationField, EmailField,
    FilePathField, FloatField, GenericIPAddressField, JSONField, OrderWrt,
    PositiveBigIntegerField, _PositiveFormfield, PositiveIntegerField,
    PositiveSmallIntegerField, SlugField, SmallAutoField, SmallIntegerField, TimeField,
    URLField, UUIDField,
)
from djscratch.db.models.generated import GeneratedField  # noqa: F401
from djscratch.db.models.field_mixins import (  # noqa: F401
    CheckFieldDefaultMixin, FieldCacheMixin,
)
from djscratch.db.models.utils import (  # noqa: F401
    AltersData, create_namedtuple_class, make_model_tuple, resolve_callables,
    unpickle_named_row,
)
from djscratch.db.models.options import (  # noqa: F401
    _camel_to_words, _CAMEL_CASE_PATTERN, _is_generic, _links_to_other_child,
    _META_NAMES,
    _pending_relations, DEFAULT_NAMES, EMPTY_RELATION_TREE, IMMUTABLE_WARNING, Options,
    _normalize_together, _without_empty_condition, _expire_hooks,
)
from djscratch.db.models.options_extra import _OptionsMore  # noqa: F401
from djscratch.db.models.constraints import (  # noqa: F401
    _check_index_arguments, _check_unique_arguments, _compiler_for, _field_references,
    _sql_for_values, _holds_for_instance, _instance_values, _is_null,
    _other_row_matches, _refers_to_excluded, BaseConstraint, CheckConstraint,
    Deferrable, Index, UniqueConstraint,
)
from djscratch.db.models.base import (  # noqa: F401
    DEFERRED, Deferred, _auto_field_class, _db_for_write, _CALL_DEFAULT,
    _CONTRIB_AUTO_FIELD_LABELS, _format_name, _get_text_list, _has_contribute_to_class,
    _has_expression, _NEVER_EXPRESSIONS, _plain_insert_model, _save_new_plain,
    _inherit_abstract_parent_links, _inherit_private_fields, _insert_plan,
    _insert_sql_with_expressions, _lazy_related, lazy_related_operation, _make_hashable,
    _make_hashable_choices, _model_unpickle, _pk_where, _resolve_pending,
    _setup_parent_link, _setup_proxy, _StateDescriptor, _subclass_exception, Model,
    _check_pickled_version, _NO_DEFAULT, _refuse_model_instances,
    _related_instances_as_keys, _returning_sql, _set_returned, _new_pk, ModelBase,
    ModelState,
    _LoadedModelState, _setup_order_with_respect_to, _share_instance_keys,
    method_set_order, method_get_order, make_foreign_order_accessors,
)
from djscratch.db.models.base_extra import _ModelMore  # noqa: F401
from djscratch.db.models.expressions import (  # noqa: F401
    _adapt_param, _current_tzname, _format_to_qmark, _q_hashable, _read_iterators, Case,
    Col, CombinedExpression, DatabaseDefault, Exists, Expression, ExpressionWrapper, F,
    OrderBy, OuterRef, Q, RawSQL, Subquery, Value, When, _combined_result,
    _combined_type, _DATE_RESULTS, _expression_path, _field_kind, _frame_value,
    _numeric_as_sqlite, _side_kind, _tzname_of, _group_of, _NUMERIC_RESULT,
    _identity_value, BaseExpression, ColPairs, Combinable, ExpressionList, Func,
    NegatedExpression, OrderByList, OutputFieldIsNoneError, Ref, RowRange, Sliced,
    ValueRange, Window, WindowFrame, WindowFrameExclusion,
)
from djscratch.db.models.functions import (  # noqa: F401
    Cast, Coalesce, Concat, Now, Trunc, TruncDate, TruncDay, TruncHour, TruncMinute,
    TruncMonth, TruncQuarter, TruncSecond, TruncTime, TruncWeek, TruncYear,
)
from djscratch.db.models.aggregates import (  # noqa: F401
    _Star, Aggregate, Avg, Count, Max, Min, StdDev, Sum, Variance,
)
from djscratch.db.models.lookups import (  # noqa: F401
    _check_extract_source, _CompiledLhs, _Comparison, _DATE_TRANSFORMS, _DateCast,
    _DateTimeCast, _int_lookup_value, _int_out_of_range, _is_hashable, _is_integer_like,
    _Iterable, _like_escape, _LOOKUP_NAMES, _TimeCast, BuiltinLookup, Contains,
    EndsWith, Exact, Extract, ExtractDay, ExtractHour, ExtractIsoWeekDay,
    ExtractIsoYear, ExtractMinute, ExtractMonth, ExtractQuarter, ExtractSecond,
    ExtractWeek, ExtractWeekDay, ExtractYear, GreaterThan, GreaterThanOrEqual,
    IContains, IEndsWith, IExact, In, IRegex, IsNull, IStartsWith, LessThan,
    LessThanOrEqual, Lookup, PatternLookup, Range, Regex, StartsWith, Transform,
    UUIDContains, UUIDEndsWith, UUIDIContains, UUIDIEndsWith, UUIDIExact,
    UUIDIStartsWith, UUIDStartsWith, UUIDTextMixin, _check_subquery_width, _is_queryset,
    IntegerFieldExact, IntegerFieldFloatRounding, IntegerFieldOverflow,
    IntegerGreaterThan, IntegerGreaterThanOrEqual, IntegerLessThan,
    IntegerLessThanOrEqual, YearExact, YearGt, YearGte, YearLookup, YearLt, YearLte,
)
from djscratch.db.models.sql.constants import (  # noqa: F401
    CURSOR, GET_ITERATOR_CHUNK_SIZE, INNER, LOUTER, MULTI, NO_RESULTS, ORDER_DIR,
    ROW_COUNT, SINGLE,
)
from djscratch.db.models.sql.where import (  # noqa: F401
    AND, ExtraWhere, NothingNode, OR, WhereNode, XOR, _ExtraSelect, _GroupedQ,
)
from djscratch.db.models.function_library import (  # noqa: F401
    Abs, ACos, ASin, ATan, ATan2, Ceil, Chr, Collate, ConcatPair, Cos, Cot, CumeDist,
    Degrees, DenseRank, Exp, FirstValue, FixDecimalInputMixin, Floor, Greatest,
    JSONArray, JSONObject, Lag, LagLeadFunction, LastValue, Lead, Least, Left, Length,
    Ln, Log, Lower, LPad, LTrim, MD5, Mod, NthValue, Ntile, NullIf,
    NumericOutputFieldMixin, Ord, PercentRank, Pi, Power, Radians, Random, Rank, Repeat,
    Replace, Reverse, Right, Round, RowNumber, RPad, RTrim, SHA1, SHA224, SHA256,
    SHA384, SHA512, Sign, Sin, Sqrt, StrIndex, Substr, Tan, Trim, Upper,
)
from djscratch.db.models.json import (  # noqa: F401
    _compile, _json_field, _JSON_DATATYPE_VALUES, _json_rhs, _key_transform_of,
    CaseInsensitiveMixin, compile_json_path, ContainedBy, DataContains, HasAnyKeys,
    HasKey, HasKeyLookup, HasKeyOrArrayIndex, HasKeys, JSONExact, JSONIContains,
    KeyTextTransform, KeyTransform, KeyTransformEndsWith, KeyTransformExact,
    KeyTransformFactory, KeyTransformGt, KeyTransformGte, KeyTransformIContains,
    KeyTransformIEndsWith, KeyTransformIExact, KeyTransformIn, KeyTransformIRegex,
    KeyTransformIsNull, KeyTransformIStartsWith, KeyTransformLt, KeyTransformLte,
    KeyTransformNumericLookupMixin, KeyTransformRegex, KeyTransformStartsWith,
    KeyTransformTextLookupMixin, KT,
)
from djscratch.db.models.sql.query import (  # noqa: F401
    _BASE_COLUMNS, _base_columns, _PLAIN_VALUE_CLASSES, _add_plain_value_class,
    _PLAIN_QUERY_ATTRS, _plain_query_key, _plain_sql_cache, _Query, _RefusedSQLInternal,
    _grouped_filters, _replace_refs, _copy_query, _copy_tree, _frozen_tree, _cached_sql,
    _ConditionReplay, _limit_sql, _q_shape, _ShapeCacheClearer, _where_shape,
    _with_limits, _PLAIN_SEQUENCE_CLASSES, BaseTable, get_field_names_from_opts,
    InsertQuery, Join, JoinPromoter, RawQuery,
)
from djscratch.db.models.sql.lookup_paths import (  # noqa: F401
    _ANY_FIELD, _lookup_source, _reverse_one_to_one_names, _relation_owner,
    _rename_prefix, _RelationLookups, _unsupported_lookup, _combine_votes,
    _prepares_to_none, _related_opts, _rel_compatible, _check_related_objects,
    _add_filtered_relation, _paths_of_expression, _paths_of_q,
    _solve_lookup_type, _NoModel, _check_q, _empty_result_value,
    _refuse_aggregate_of_aggregate,
)
from djscratch.db.models.tuple_lookups import (  # noqa: F401
    _checking_names, _ColumnTuple, _RawSQL, _row_values, _selected_width,
    _subquery_query, Tuple, TupleExact, TupleGreaterThan, TupleGreaterThanOrEqual,
    TupleIn, TupleIsNull, TupleLessThan, TupleLessThanOrEqual, TupleLookupMixin,
    tuple_lookups,
)
from djscratch.db.models.sql.composite import (  # noqa: F401
    _composite_use_error, _is_tuple_field, _link_on, _related_tuple_value,
    CompositeColumnError, CompositeCompilerMixin,
)
from djscratch.db.models.sql.composite_extra import _CompositeCompilerMore  # noqa: F401
from djscratch.db.models.sql.compiler import (  # noqa: F401
    _converter_for, _has_outer_ref, _references_columns, _resolved_text, cursor_iter,
    _FilteredSelect, SQLCompiler, _model_instance_update_error, _needs_pk_subquery,
    _combined_order_item, _pk_subquery, _expression_converter,
    _field_expression_converter, _computed_decimal,
)
from djscratch.db.models.sql.compiler_extra import _SQLCompilerMore  # noqa: F401
from djscratch.db.models.prefetch import (  # noqa: F401
    Prefetch, prefetch_related_objects, get_prefetcher, prefetch_one_level,
    _can_hold_prefetches, _prefetch_field, _prefetch_is_fetched, _prefetch_many_to_many,
    _prefetch_one_level, _prefetch_traverse, _prefetch_foreign_object, _relation_keys,
)
from djscratch.db.models.rows import (  # noqa: F401
    _attach_related, _builder_key, _columns_read, _compile_row_builder, _custom_from_db,
    _MODEL_FROM_DB, _model_rows, _plan_converters, _plan_uses_from_db, _related_plan,
    _row_builder, _stores_by_attribute, _values_dicts, _VALUES_BUILDERS,
    _form_shape, _null_allowed,
)
from djscratch.db.models.iterables import (  # noqa: F401
    _ITERABLE_CLASSES, BaseIterable, FlatValuesListIterable, ModelIterable,
    NamedValuesListIterable, RawModelIterable, ValuesIterable, ValuesListIterable,
)
from djscratch.db.models.query import (  # noqa: F401
    _and_all, _check_order_arguments, _check_order_name, _plain_order_name,
    _bulk_update_case, _EmptyQuerySetMeta, _fields_by_table, _get_by_pk, _get_pk_plan,
    MAX_GET_RESULTS, REPR_OUTPUT_SIZE, _PROHIBITED_FILTER_KWARGS,
    _foreign_object_update, _pk_fields, _integer_overflow_empties,
    _check_bulk_create_options, _insert_each, _resolve_database_defaults,
    _database_default_value, QuerySet, EmptyQuerySet, _simple_lookups,
    _value_taken_as_is, _TAKEN_AS_IS, _TAKEN_AS_IS_BY_NAME, _value_classes_taken_as_is,
    _any_expression_value, _add_extra_select,
)
from djscratch.db.models.query_extra import _QuerySetMore  # noqa: F401
from djscratch.db.models.raw import _raw_rows_from_db, RawQuerySet  # noqa: F401
from djscratch.db.models.manager import (  # noqa: F401
    BaseManager, Manager, ManagerDescriptor, _BASE_GET_QUERYSET, _CHAINED_ONCE,
    _fresh_manager_method, _ManagerMethodOnFirstUse, _waiting_method,
)
from djscratch.db.models.deletion import (  # noqa: F401
    _delete_composite, _key_prep, _pk_getter, CASCADE, Collector, DO_NOTHING, PROTECT,
    ProtectedError, RESTRICT, RestrictedError, SET, SET_DEFAULT, SET_NULL,
)
from djscratch.db.models.related import (  # noqa: F401
    _create_m2m_through, _expire_relation_caches, _m2m_manager_class,
    _ManyRelatedManagerMixin, _MISSING, RECURSIVE_RELATIONSHIP_CONSTANT,
    _ForeignObjectDescriptor, _load_foreign_object, _ForeignObjectReverseRel,
    _warn_joining_columns, _check_relation_databases, _related_manager_class,
    _RelatedManagerMixin, ForeignKey, _single_prefetch_queryset,
    _deprecated_get_prefetch_queryset, ForeignKeyDeferredAttribute, _instance_value,
    _from_cached_ancestor, _set_related_names, ForeignObject, ForeignObjectRel,
    ForwardManyToOneDescriptor, ForwardOneToOneDescriptor, ManyToManyDescriptor,
    ManyToManyField, ManyToManyRel, ManyToOneRel, OneToOneField, OneToOneRel,
    RelatedField, RelatedObjectDoesNotExist, ReverseManyToOneDescriptor,
    ReverseOneToOneDescriptor,
)
from djscratch.db.models.related_lookups import (  # noqa: F401
    get_normalized_value, RelatedExact, RelatedGreaterThan, RelatedGreaterThanOrEqual,
    RelatedIn, RelatedIsNull, RelatedLessThan, RelatedLessThanOrEqual,
    RelatedLookupMixin, _related_key_value,
)
from djscratch.db.backends.schema import (  # noqa: F401
    DatabaseSchemaEditor, names_digest, Statement,
)
from djscratch.db.migrations.recorder import MigrationRecorder  # noqa: F401
from djscratch.db.schema_sync import (  # noqa: F401
    _INSTALLED_ONLY_LABELS, _keys_to, _migration_notices, _models_module,
    _models_to_sync, _SAME_TEXT_TYPES, _same_column_type, _SCHEMA_SNAPSHOT_SQL,
    _owner_swapped, _sync_schema_for_app, emit_post_migrate_signal, SchemaSyncResult,
    sync_schema, _table_columns, _schema_snapshot,
)
from djscratch.db.models.files import (  # noqa: F401
    _callable_storage_error, _pillow_installed, FieldFile, FileDescriptor, FileField,
    ImageField, ImageFieldFile, ImageFileDescriptor,
)
from djscratch.core.validators import (  # noqa: F401
    _PluralMessage, BaseValidator, EMPTY_VALUES, MaxLengthValidator, MinLengthValidator,
    ProhibitNullCharactersValidator, RegexValidator,
)
from djscratch.core.validators_extra import (  # noqa: F401
    _domain_re, _hostname_re, _IMAGE_EXTENSIONS, _integer_validator,
    _ip_address_validator_map, _ipv4_url_re, _ipv6_from_str, _RE_IGNORECASE,
    _tld_no_fqdn_re, _tld_re, _ul, clean_ipv6_address, DecimalValidator, EmailValidator,
    FileExtensionValidator, get_available_image_extensions, ip_address_validators,
    is_valid_ipv6_address, MAX_IPV6_ADDRESS_LENGTH, MaxValueValidator,
    MinValueValidator, int_list_validator, validate_comma_separated_integer_list,
    StepValueValidator, URLValidator, validate_email, validate_image_file_extension,
    validate_integer, validate_ipv46_address, validate_ipv4_address,
    validate_ipv6_address, validate_slug, validate_unicode_slug, DomainNameValidator,
    validate_domain_name,
)
from djscratch.forms.utils import (  # noqa: F401
    _attr_name_html, _attrs_html, _attrs_html_cache, _ATTRS_CACHED_LENGTH, _attrs_text,
    _CACHED_ATTR_TYPES, _escaped_attr_names, _from_current_timezone, _sf, _STR_ONLY,
    _copy_plain_error_list, _error_list_build_members, _PLAIN_ERROR_LIST_BUILD,
    _to_current_timezone, ErrorDict, ErrorList, flatatt, pretty_name,
    RenderableErrorMixin, RenderableFieldMixin, RenderableFormMixin, RenderableMixin,
)
from djscratch.forms.jinja2 import (  # noqa: F401
    JINJA2_FORM_TEMPLATES, _J2_HIDDEN, _J2_CLASS_ATTR, _J2_HELP_TEXT, _J2_LAST_HIDDEN,
    _J2_NO_FIELDS, _J2_FORMS, _j2_layout, _J2_INPUT, _J2_OPTION, _J2_MULTIPLE,
    _J2_MULTIWIDGET, _J2_WIDGETS, _j2_name,
)
from djscratch.utils.feedgenerator import (  # noqa: F401
    Atom1Feed, rfc2822_date, rfc3339_date, get_tag_uri, _guess_stylesheet_mimetype,
    Stylesheet, _str_or_none, SyndicationFeed, Enclosure, _feed_xml_generator, RssFeed,
    RssUserland091Feed, Rss201rev2Feed, _add_atom_author, DefaultFeed,
)
from djscratch.forms.renderers import (  # noqa: F401
    _add_builtin_templates, _BASE_RENDER, _builtin_renderer, _ENGINE_GET_TEMPLATE,
    _renders_builtin, _BUILTIN_TEMPLATES, _builtin_renderer_classes, _CLASS_ATTR,
    _css_attr, _ERRORS_DICT, _ERRORS_LIST, _FAST_PATHS, _fast_div,
    _fast_error_dict_text, _fast_error_dict_ul, _fast_error_list_text,
    _fast_error_list_ul, _fast_field, _fast_formset, _fast_label, _fast_p, _fast_path,
    _fast_table, _fast_ul, _formset_source, _FormsConfig, _help_text_html,
    _help_text_source, _HIDDEN, _hidden_html, _include_source, _label_html,
    _label_tag_html, _project_syntax, _var_html, _error_list_html, _error_list_members,
    _ERROR_LIST_STATE, _PLAIN_ERROR_LIST, _renders_empty_error_lists,
    _builtin_renders_empty_error_lists, _renders_builtin_templates,
    _reset_default_renderer, ATTRS_HTML, BaseRenderer, DIV_HTML,
    DjangoTemplates as FormDjangoTemplates, EngineMixin, ERROR_DICT_TEXT, ERROR_DICT_UL,
    ERROR_LIST_TEXT, ERROR_LIST_UL, FIELD_HTML, get_default_renderer, LABEL_HTML,
    P_HTML, TABLE_HTML, TEMPLATE_SOURCES, UL_HTML,
)
from djscratch.forms.renderers_extra import (  # noqa: F401
    DjangoDivFormRenderer, Jinja2, Jinja2DivFormRenderer, TemplatesSetting,
)
from djscratch.forms.widgets import (  # noqa: F401
    _copy_instance, _deepcopy_with_hook, _media_property, _NOT_COPIED,
    _plain_copy_classes, _BUILTIN_WIDGET_TEMPLATES, _include_widget, _WIDGETS,
    CLEARABLE_FILE_INPUT_HTML, INPUT_HTML, INPUT_OPTION_HTML, MULTIPLE_INPUT_HTML,
    MULTIWIDGET_HTML, SELECT_HTML, SELECT_OPTION_HTML, TEXTAREA_HTML, WIDGET_ATTRS_HTML,
    _input_html, _textarea_html, _render_widget, _tpl_clearable_file_input, _tpl_input,
    _tpl_input_include, _tpl_input_option, _tpl_multiple_input,
    _tpl_multiple_input_include, _tpl_multiwidget, _tpl_multiwidget_include,
    _tpl_option_include, _tpl_select, _tpl_select_option, _tpl_textarea,
    _WIDGET_TEMPLATES, ColorInput, EmailInput, HiddenInput, Input, Media,
    MediaDefiningClass, NumberInput, SearchInput, TelInput, Textarea, TextInput,
    URLInput, Widget, MediaAsset, Script, MediaOrderConflictWarning,
    _WIDGET_CLASSES_TOKEN,
)
from djscratch.forms.widgets_extra import (  # noqa: F401
    _boolean_check, _get_format, _normalize_choices, CheckboxInput,
    CheckboxSelectMultiple, ChoiceWidget, ClearableFileInput, DateInput,
    DateTimeBaseInput, DateTimeInput, FILE_INPUT_CONTRADICTION, FileInput,
    MultipleHiddenInput, MultiWidget, NullBooleanSelect, PasswordInput, RadioSelect,
    Select, SelectMultiple, SplitDateTimeWidget, SplitHiddenDateTimeWidget, TimeInput,
    SelectDateWidget,
)
from djscratch.forms.fields import (  # noqa: F401
    _copy_plain_field, _copy_plain_fields, _deepcopy_fields, _FIELD_DEEPCOPY,
    _STR_TYPE_ONLY, _deepcopy_of, _PLAIN_DEEPCOPY,
    _WIDGET_DEEPCOPY, CharField as FormCharField, Field as FormField,
)
from djscratch.forms.fields_extra import (  # noqa: F401
    _FormatsFromSettings, _gif_ok, _gif_sub_blocks, _IMAGE_CHECKS, _image_type,
    _jpeg_ok, _png_ok, _webp_ok, BaseTemporalField, BooleanField as FormBooleanField,
    ChoiceField, ComboField, DateField as FormDateField,
    DateTimeField as FormDateTimeField, DecimalField as FormDecimalField,
    DurationField as FormDurationField, EmailField as FormEmailField,
    FileField as FormFileField, FilePathField as FormFilePathField,
    FloatField as FormFloatField, GenericIPAddressField as FormGenericIPAddressField,
    ImageField as FormImageField, IntegerField as FormIntegerField, InvalidJSONInput,
    JSONField as FormJSONField, JSONString, MultipleChoiceField, MultiValueField,
    NullBooleanField, RegexField, SlugField as FormSlugField, SplitDateTimeField,
    TimeField as FormTimeField, TypedChoiceField, TypedMultipleChoiceField,
    URLField as FormURLField, UUIDField as FormUUIDField,
)
from djscratch.forms.boundfield import (  # noqa: F401
    _auto_id, _bound_field_members, _BOUND_FIELD_STATE, _FIXED_AUTO_ID_TYPES,
    _plain_widget_html, _PLAIN_BOUND_FIELD, _PLAIN_BOUND_FIELD_MEMBERS, _PLAIN_WIDGETS,
    _WIDGET_GET_CONTEXT, _widget_members, _WIDGET_STATE, BoundField, BoundWidget,
    _BOUND_FIELD_ERRORS, _errors_html, _group_members, _PLAIN_GROUP,
    _plain_field_group_html, _plain_widget_markup, _plain_widget_of,
    _WIDGET_ID_FOR_LABEL, _NO_CLASS, _GROUP_PART_TYPES, _group_html_cache,
    _GROUP_CACHED_LENGTH, _group_key, _field_group_text, _plain_group_plan,
    _first_field_plan, _plain_widget_class, _plain_widget_verdicts,
    _plain_widget_verdict,
)
from djscratch.forms.forms import (  # noqa: F401
    BaseForm, DeclarativeFieldsMetaclass, Form, _FORM_RENDER_NAMES,
    _form_render_members, _PLAIN_FORM_RENDER, _PLAIN_RENDER_EXTRAS, _PLAIN_FIELD_NAMES,
    _field_render_members, _PLAIN_FIELD_RENDER, _PLAIN_FIELD_RENDERS,
    _COPIED_FIELD_STATE, _FIXED_TEXT_TYPES,
    _FIXED_INITIAL_TYPES, _FIXED_WIDGET_STATE_TYPES, _ABSENT, _same,
    _plain_form_entries, _plain_form_state, _plain_form_html, _remember_plain_form,
    _not_plain_forms, _not_plain_form, _form_renders_plainly,
)
from djscratch.forms.forms_extra import _BaseFormMore  # noqa: F401
from djscratch.forms.formsets import (  # noqa: F401
    all_valid, BaseFormSet, DEFAULT_MAX_NUM, DEFAULT_MIN_NUM, DELETION_FIELD_NAME,
    formset_factory, INITIAL_FORM_COUNT, ManagementForm, MAX_NUM_FORM_COUNT,
    MIN_NUM_FORM_COUNT, ORDERING_FIELD_NAME, TOTAL_FORM_COUNT,
)
from djscratch.forms.models import (  # noqa: F401
    _apply_limit_choices_to, _hashable, _is_model_field_of, _model_form_fields,
    _pk_is_not_editable, _save_form_data, _value_from_object, ALL_FIELDS, BaseModelForm,
    BaseModelFormSet, construct_instance, fields_for_model, model_to_dict,
    ModelChoiceField, ModelChoiceIterator, ModelChoiceIteratorValue, ModelForm,
    modelform_factory, ModelFormMetaclass, ModelFormOptions, modelformset_factory,
    ModelMultipleChoiceField, _get_foreign_key, _points_to_parent, BaseInlineFormSet,
    inlineformset_factory, InlineForeignKeyField,
)
from djscratch.contrib.contenttypes.models import (  # noqa: F401
    ContentType, ContentTypeManager,
)
from djscratch.contrib.contenttypes.management import (  # noqa: F401
    create_contenttypes, get_contenttypes_and_models,
)
from djscratch.contrib.contenttypes.apps import ContentTypesConfig  # noqa: F401
from djscratch.contrib.contenttypes.fields import (  # noqa: F401
    _check_field_name, _generic_related_manager_class, _GenericRelatedManagerMixin,
    GenericForeignKey, GenericRel, GenericRelation, ReverseGenericManyToOneDescriptor,
)
from djscratch.contrib.contenttypes.prefetch import GenericPrefetch  # noqa: F401
from djscratch.contrib.contenttypes.checks import (  # noqa: F401
    _checked_models, check_generic_foreign_keys, check_model_name_lengths,
)
from djscratch.contrib.contenttypes.forms import (  # noqa: F401
    BaseGenericInlineFormSet, generic_inlineformset_factory,
)
from djscratch.utils.deprecation import (  # noqa: F401
    MiddlewareMixin, RemovedAfterNextVersionWarning, RemovedInDjango60Warning,
    RemovedInDjango61Warning, RemovedInNextVersionWarning,
)
from djscratch.utils.itercompat import is_iterable  # noqa: F401
from djscratch.core.cache.backends.base import (  # noqa: F401
    _highest_pickle_protocol, _int_option, _memcached_error_chars_re, _pickle,
    BaseCache, CacheKeyWarning, DEFAULT_TIMEOUT, default_key_func, get_key_func,
    InvalidCacheBackendError, InvalidCacheKey, MEMCACHE_MAX_KEY_LENGTH,
    memcache_key_warnings,
)
from djscratch.core.cache.backends.base_extra import _BaseCacheMore  # noqa: F401
from djscratch.core.cache.backends.locmem import (  # noqa: F401
    _locmem_caches, _locmem_expire_info, _locmem_locks, LocMemCache,
)
from djscratch.core.cache.backends.filebased import (  # noqa: F401
    _lock_file, _makedirs_private, FileBasedCache,
)
from djscratch.core.cache.backends.db import (  # noqa: F401
    _CacheEntryOptions, BaseDatabaseCache, DatabaseCache,
)
from djscratch.core.cache.backends.dummy import DummyCache  # noqa: F401
from djscratch.core.cache.backends.refused import (  # noqa: F401
    _refuse, BaseMemcachedCache, PyLibMCCache, PyMemcacheCache, RedisCache,
    RedisCacheClient, RedisSerializer,
)
from djscratch.core.cache import (  # noqa: F401
    _caches_changed, _refuse_cache_backend, _REFUSED_CACHE_BACKENDS, _thread_caches,
    cache, CacheHandler, caches, close_caches, ConnectionProxy, DEFAULT_CACHE_ALIAS,
)
from djscratch.core.cache.utils import (  # noqa: F401
    make_template_fragment_key, TEMPLATE_FRAGMENT_KEY_TEMPLATE,
)
from djscratch.templatetags.cache import (  # noqa: F401
    _tag_cache, cache_library, CacheNode,
)
from djscratch.utils.cache import (  # noqa: F401
    _cache_control_items, _current_language, _generate_cache_header_key,
    _generate_cache_key, _i18n_cache_key_suffix, _not_modified, _set_response_etag,
    _split_header, add_never_cache_headers, cc_delim_re, get_cache_key,
    get_conditional_response, get_max_age, has_vary_header, learn_cache_key,
    patch_cache_control, patch_response_headers, patch_vary_headers, set_response_etag,
    _base_has_header, _vary_one_name,
)
from djscratch.utils.decorators import (  # noqa: F401
    _make_middleware_decorator, _view_wrapper, async_only_middleware,
    decorator_from_middleware, decorator_from_middleware_with_args,
    sync_and_async_middleware, sync_only_middleware, classonlymethod,
)
from djscratch.middleware.csrf import (  # noqa: F401
    _add_new_csrf_cookie, _check_token_format, _CSRF_CHAR_INDEX, _CSRF_CHAR_TO_INDEX,
    _csrf_failure_view, _CSRF_INDEX_TO_CHAR, _CSRF_MOD_INDEX, _csrf_request_plan,
    _csrf_response_plan, _CSRF_SUM_TO_CHAR, _CSRF_UNEVEN_BYTES, _does_token_match,
    _mask_cipher_secret, _mask_cipher_secret_with, _new_csrf_string,
    _random_csrf_indexes, _unmask_cipher_token,
    CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH, CSRF_SESSION_KEY, CSRF_TOKEN_LENGTH,
    CsrfViewMiddleware, get_token, InvalidTokenFormat, REASON_BAD_ORIGIN,
    REASON_BAD_REFERER, REASON_CSRF_TOKEN_MISSING, REASON_INCORRECT_LENGTH,
    REASON_INSECURE_REFERER, REASON_INVALID_CHARACTERS, REASON_MALFORMED_REFERER,
    REASON_NO_CSRF_COOKIE, REASON_NO_REFERER, RejectRequest, rotate_token,
)
from djscratch.middleware.csrf_extra import _CsrfViewMiddlewareMore  # noqa: F401
from djscratch.contrib.sessions.models import (  # noqa: F401
    AbstractBaseSession, BaseSessionManager, Session, SessionManager,
)
from djscratch.contrib.sessions.backends import (  # noqa: F401
    _CACHE_SESSION_KEY_PREFIX, _CACHED_DB_SESSION_KEY_PREFIX, _SESSION_KEY_CHARS,
    _session_serializer, _SessionCacheMixin, CachedDbSessionStore, CacheSessionStore,
    CreateError, DatabaseSessionStore, FileSessionStore, InvalidSessionKey, SessionBase,
    SessionInterrupted, SignedCookieSessionStore, SuspiciousSession, UpdateError,
)
from djscratch.contrib.sessions.middleware import (  # noqa: F401
    _session_from_cookie, _session_promises, _session_response_plan,
    _session_store_class, SessionMiddleware,
)
from djscratch.contrib.messages.serialized import (  # noqa: F401
    _messages_from_json, _messages_to_json, MessageEncoder, MessageDecoder,
    MessagePartSerializer, MessagePartGatherSerializer, MessageSerializer,
    bisect_keep_left, bisect_keep_right, Message,
)
from djscratch.contrib.messages.storage import (  # noqa: F401
    _DEFAULT_MESSAGE_TAGS, _message_level_tags, get_level_tags, _LevelTags, LEVEL_TAGS,
    _request_checks, _request_checks_cache, BaseStorage, CookieStorage,
    _deferred_checks_cache, _deferred_storage_checks, DEFAULT_MESSAGE_LEVELS,
    FallbackStorage, MESSAGE_DEBUG, MESSAGE_ERROR, MESSAGE_INFO, MESSAGE_SUCCESS,
    MESSAGE_WARNING, MessageFailure, SessionStorage, _no_message_cookie,
    _COOKIE_STORAGE_DECODE, _COOKIE_STORAGE_GET,
)
from djscratch.contrib.messages.api import (  # noqa: F401
    _cp_messages, _message_storage, _message_storage_class, _msg_debug, _msg_error,
    _msg_info, _msg_success, _msg_warning, add_message, get_level, get_messages,
    set_level,
)
from djscratch.contrib.messages.middleware import (  # noqa: F401
    _BASE_STORAGE_UPDATE, _message_promises, _message_response_plan, MessageMiddleware,
)
from djscratch.contrib.messages.views import SuccessMessageMixin  # noqa: F401
from djscratch.contrib.auth.hashers import (  # noqa: F401
    _HashlibFunction, acheck_password, Argon2PasswordHasher, BasePasswordHasher,
    BCryptPasswordHasher, BCryptSHA256PasswordHasher, check_password, get_hasher,
    get_hashers, get_hashers_by_algorithm, identify_hasher, is_password_usable,
    _LibraryHasher, make_password, mask_hash, MD5PasswordHasher, must_update_salt,
    PBKDF2PasswordHasher, PBKDF2SHA1PasswordHasher, reset_hashers, ScryptPasswordHasher,
    UNUSABLE_PASSWORD_PREFIX, UNUSABLE_PASSWORD_SUFFIX_LENGTH, verify_password,
)
from djscratch.contrib.auth.password_validation import (  # noqa: F401
    _COMMON_PASSWORDS, _django_password_list, _password_validators_help_text_html,
    _reset_password_validators, _verbose_name, CommonPasswordValidator,
    exceeds_maximum_length_ratio, get_default_password_validators,
    get_password_validators, MinimumLengthValidator, NumericPasswordValidator,
    password_changed, password_validators_help_text_html,
    password_validators_help_texts, UserAttributeSimilarityValidator, validate_password,
)
from djscratch.contrib.auth.validators import (  # noqa: F401
    ASCIIUsernameValidator, UnicodeUsernameValidator,
)
from djscratch.contrib.auth.signals import (  # noqa: F401
    user_logged_in, user_logged_out, user_login_failed,
)
from djscratch.contrib.auth.base_user import (  # noqa: F401
    AbstractBaseUser, BaseUserManager,
)
from djscratch.contrib.auth.models import (  # noqa: F401
    _AsyncPermissionsMixin, _auser_get_permissions, _auser_has_module_perms,
    _auser_has_perm, _check_perm_list, _EmptyManager, _user_get_permissions,
    _user_has_module_perms, _user_has_perm, AbstractUser, AnonymousUser, Group,
    GroupManager, Permission, PermissionManager, PermissionsMixin, update_last_login,
    User, UserManager,
)
from djscratch.contrib.auth.backends import (  # noqa: F401
    _user_model, AllowAllUsersModelBackend, AllowAllUsersRemoteUserBackend, BaseBackend,
    ModelBackend, RemoteUserBackend,
)
from djscratch.contrib.auth.api import (  # noqa: F401
    _clean_credentials, _get_backend_from_user, _get_backends, _get_compatible_backends,
    _get_user_session_key, _SENSITIVE_CREDENTIALS, _verify_session_hash, authenticate,
    BACKEND_SESSION_KEY, get_backends, get_user, get_permission_codename,
    get_user_model, HASH_SESSION_KEY, load_backend, login, logout,
    SESSION_KEY, update_session_auth_hash, aauthenticate, alogin, alogout, aget_user,
    aupdate_session_auth_hash,
)
from djscratch.contrib.sites.requests import RequestSite  # noqa: F401
from djscratch.contrib.sites.models import (  # noqa: F401
    _simple_domain_name_validator, clear_site_cache, Site, SITE_CACHE, SiteManager,
)
from djscratch.contrib.sites.shortcuts import get_current_site  # noqa: F401
from djscratch.contrib.contenttypes.views import _object_domain, shortcut  # noqa: F401
from djscratch.contrib.sites.middleware import CurrentSiteMiddleware  # noqa: F401
from djscratch.contrib.sites.checks import check_site_id  # noqa: F401
from djscratch.contrib.sites.management import create_default_site  # noqa: F401
from djscratch.contrib.sites.managers import CurrentSiteManager  # noqa: F401
from djscratch.contrib.sites.apps import SitesConfig  # noqa: F401
from djscratch.contrib.auth.apps import (  # noqa: F401
    _get_all_permissions, AUTH_TEMPLATES, AuthConfig, create_permissions,
)
from djscratch.contrib.auth.checks import (  # noqa: F401
    _builtin_length_checks, _custom_permission_checks, _subclass_index, _user_model_for,
    _username_checks, _username_unique, check_middleware, check_models_permissions,
    check_user_model,
)
from djscratch.middleware.security import (  # noqa: F401
    _security_headers, _security_response_plan, _without_ssl_redirect,
    SecurityMiddleware,
)
from djscratch.middleware.common import (  # noqa: F401
    _common_request_idle, _common_response_plan, _path_resolves,
    BrokenLinkEmailsMiddleware, CommonMiddleware,
)
from djscratch.middleware.clickjacking import (  # noqa: F401
    _gzip_header, _x_frame_options_item, _x_frame_options_plan, XFrameOptionsMiddleware,
)
from djscratch.middleware.gzip import _gzip_sequence, GZipMiddleware  # noqa: F401
from djscratch.middleware.http import ConditionalGetMiddleware  # noqa: F401
from djscratch.middleware.cache import (  # noqa: F401
    _set_age, CacheMiddleware, FetchFromCacheMiddleware, UpdateCacheMiddleware,
)
from djscratch.core.paginator import (  # noqa: F401
    EmptyPage, InvalidPage, Page, PageNotAnInteger, Paginator,
    UnorderedObjectListWarning,
)
from djscratch.views.decorators import (  # noqa: F401
    _check_request, _multi_decorate, _wraps, csrf_exempt, csrf_protect,
    method_decorator, require_GET, require_http_methods, require_POST, require_safe,
)
from djscratch.views.decorators_extra import (  # noqa: F401
    _CsrfCookieAlways, _CsrfTokenOnly, _xframe, cache_control, condition,
    conditional_page, ensure_csrf_cookie, gzip_page, etag, last_modified, never_cache,
    no_append_slash, requires_csrf_token, sensitive_post_parameters, vary_on_cookie,
    vary_on_headers, xframe_options_deny, xframe_options_exempt,
    xframe_options_sameorigin, cache_page,
)
from djscratch.views.csrf import (  # noqa: F401
    _CSRF_FAILURE_TEMPLATE, _csrf_failure_context, CSRF_FAILURE_TEMPLATE_NAME,
    csrf_failure,
)
from djscratch.shortcuts import (  # noqa: F401
    _get_queryset, get_list_or_404, get_object_or_404, redirect, render, resolve_url,
)
from djscratch.contrib.auth.decorators import (  # noqa: F401
    _login_redirect, login_not_required, login_required, permission_required,
    REDIRECT_FIELD_NAME, redirect_to_login, user_passes_test,
)
from djscratch.contrib.auth.mixins import (  # noqa: F401
    AccessMixin, LoginRequiredMixin, PermissionRequiredMixin, UserPassesTestMixin,
)
from djscratch.contrib.auth.handlers import (  # noqa: F401
    _modwsgi_check_password, _modwsgi_get_user, groups_for_user,
)
from djscratch.contrib.auth.middleware import (  # noqa: F401
    _acached_user, _auth_promises, _cached_user, _cp_auth, _lazy_auser, _lazy_user,
    _REMOTE_USER_NEEDS_AUTH, AuthenticationMiddleware, LoginRequiredMiddleware,
    PermLookupDict, PermWrapper, PersistentRemoteUserMiddleware, RemoteUserMiddleware,
)
from djscratch.views.generic import (  # noqa: F401
    BaseCreateView, BaseDeleteView, BaseDetailView, BaseFormView, BaseListView,
    BaseUpdateView, ContextMixin, CreateView, DeleteView, DeletionMixin, DetailView,
    FormMixin, FormView, ListView, ModelFormMixin, MultipleObjectMixin,
    MultipleObjectTemplateResponseMixin, ProcessFormView, RedirectView,
    SingleObjectMixin, SingleObjectTemplateResponseMixin, TemplateResponseMixin,
    TemplateView, UpdateView, View,
)
from djscratch.views.generic_dates import (  # noqa: F401
    _date_from_string, _get_next_prev, _none_available, _url_part, ArchiveIndexView,
    BaseArchiveIndexView, BaseDateDetailView, BaseDateListView, BaseDayArchiveView,
    BaseMonthArchiveView, BaseTodayArchiveView, BaseWeekArchiveView,
    BaseYearArchiveView, DateDetailView, DateMixin, DayArchiveView, DayMixin,
    MonthArchiveView, MonthMixin, timezone_today, TodayArchiveView, WeekArchiveView,
    WeekMixin, YearArchiveView, YearMixin,
)
from djscratch.contrib.auth.tokens import (  # noqa: F401
    default_token_generator, PasswordResetTokenGenerator,
)
from djscratch.contrib.auth.forms import (  # noqa: F401
    _DEFAULT_RESET_MAIL_TEMPLATES, _render_reset_mail,
    _unicode_ci_compare, _user_model_form, _user_model_forms,
    AdminPasswordChangeForm, AuthenticationForm, PasswordChangeForm, PasswordResetForm,
    ReadOnlyPasswordHashField, ReadOnlyPasswordHashWidget, SetPasswordForm,
    SetPasswordMixin, SetUnusablePasswordMixin, UsernameField,
)
from djscratch.contrib.auth.views import (  # noqa: F401
    _site_context, INTERNAL_RESET_SESSION_TOKEN, LoginView, logout_then_login,
    LogoutView, PasswordChangeDoneView, PasswordChangeView, PasswordContextMixin,
    PasswordResetCompleteView, PasswordResetConfirmView, PasswordResetDoneView,
    PasswordResetView, RedirectURLMixin,
)
from djscratch.contrib.auth.urls import auth_urlpatterns  # noqa: F401
from djscratch.contrib.admin.utils import (  # noqa: F401
    _boolean_icon, _get_changed_field_labels_from_form, _get_non_gfk_field, _label_attr,
    _label_of, _leads_to_model, _LOOKUP_SEP, build_q_object_from_lookup_parameters,
    construct_change_message, display_for_field, display_for_value,
    FieldIsAForeignKeyColumnName, flatten, flatten_fieldsets, get_deleted_objects,
    get_fields_from_path, get_last_value_from_parameters, get_model_from_relation,
    help_text_for_field, label_for_field, lookup_field, lookup_spawns_duplicates,
    model_format_dict, model_ngettext, NestedObjects, NotRelationField,
    prepare_lookup_value, quote, QUOTE_MAP, reverse_field_path, unquote, UNQUOTE_MAP,
    UNQUOTE_RE,
)
from djscratch.contrib.admin.exceptions import (  # noqa: F401
    AlreadyRegistered, DisallowedModelAdminLookup, DisallowedModelAdminToField,
    IncorrectLookupParameters, NotRegistered,
)
from djscratch.contrib.admin.filters import (  # noqa: F401
    _add_facets, AllValuesFieldListFilter, BooleanFieldListFilter,
    ChoicesFieldListFilter, DateFieldListFilter, EmptyFieldListFilter, FacetsMixin,
    FieldListFilter, ListFilter, RelatedFieldListFilter, RelatedOnlyFieldListFilter,
    SimpleListFilter,
)
from djscratch.contrib.admin.models import (  # noqa: F401
    _content_type_id, _sub_message_text, _user_model_label, ACTION_FLAG_CHOICES,
    ADDITION, CHANGE, DELETION, LogEntry, LogEntryManager,
)
from djscratch.contrib.admin.decorators import (  # noqa: F401
    action, display, register as admin_register,
)
from djscratch.contrib.admin.apps import AdminConfig, SimpleAdminConfig  # noqa: F401
from djscratch.contrib.admin.checks import (  # noqa: F401
    _ADMIN_MIDDLEWARE, _admin_templates_engine, BaseModelAdminChecks,
    check_admin_app, check_dependencies, _contains_subclass,
    _context_processor_errors, _each, _error, _get_field, InlineModelAdminChecks,
    _is_list, _issubclass, _manual_through, _manual_through_error, ModelAdminChecks,
    must_be, must_inherit_from, _NOTHING, refer_to_missing_field,
)
from djscratch.contrib.admin.actions import (  # noqa: F401
    _ACTION_CHECKBOX_NAME, delete_selected,
)
from djscratch.views.defaults import (  # noqa: F401
    _DEFAULT_ERROR_VIEWS, _ERROR_PAGE, _error_template, bad_request, page_not_found,
    permission_denied, server_error,
)
from djscratch.views.debug import (  # noqa: F401
    _DEBUG_TEMPLATES, _clear_default_filter, _DEBUG_FOOTER, _DebugTemplatePath,
    _default_filter, _default_filter_cached, _DEFAULT_URLCONF_HTML, _error_position,
    _only_default_admin, _PASTEBIN_TEXT, _REQUEST_TABLE, _STYLE, _TECHNICAL_404_HTML,
    _TECHNICAL_500_HTML, _TECHNICAL_500_TEXT, _TRACEBACK_CAUSE_TEXT, _trimmed,
    builtin_template_path, CallableSettingWrapper, DEBUG_ENGINE, default_urlconf,
    ExceptionCycleWarning, ExceptionReporter, get_caller,
    get_default_exception_reporter_filter, get_exception_reporter_class,
    get_exception_reporter_filter, SafeExceptionReporterFilter, technical_404_response,
    technical_500_response,
)
from djscratch.core.handlers.exception import (  # noqa: F401
    _database_unavailable, _database_unavailable_response, _exception_response,
    _EXCEPTION_TABLE, _handle_uncaught_exception, _SQLITE_BUSY, _SQLITE_FULL,
    _SQLITE_LOCKED, convert_exception_to_response, response_for_exception,
)
from djscratch.core.handlers.base import (  # noqa: F401
    _active_hooks, _async_views, _atomic_request_aliases, _chain_function, _check_input,
    _escaped, _flat_hooks, _handler_lock, _is_async_view, _import_middleware,
    _middleware_mode, _request_guard, _request_steps, _response_step, _run_flat_general,
    BaseHandler, reset_urlconf,
)
from djscratch.core.handlers.base_extra import _BaseHandlerMore  # noqa: F401
from djscratch.core.handlers.wsgi import get_wsgi_application, WSGIHandler  # noqa: F401
from djscratch.core.handlers.asgi import (  # noqa: F401
    _asgi_script_prefix, _scope_meta, ASGIHandler, ASGIRequest, get_asgi_application,
)
from djscratch.contrib.staticfiles.handlers import (  # noqa: F401
    _safe_file_path, _static_config, _static_response, _static_serving_prefix,
    StaticFilesHandler, StaticFilesHandlerMixin,
)
from djscratch.contrib.staticfiles.asgi_handler import (  # noqa: F401
    ASGIStaticFilesHandler,
)
from djscratch.contrib.staticfiles.finders import (  # noqa: F401
    _check_find_all, _EMBEDDED_PREFIX, _EMBEDDED_STATIC, _embedded_static,
    _finder_class, _finders_changed, _searched, AppDirectoriesFinder, BaseFinder,
    BaseStorageFinder, DefaultStorageFinder, FileSystemFinder, find, get_finder,
    get_finders, searched_locations, _EmbeddedStaticStorage,
)
from djscratch.contrib.staticfiles.checks import (  # noqa: F401
    _STATICFILES_E005, check_finders, check_storages,
)
from djscratch.contrib.staticfiles.apps import StaticFilesConfig  # noqa: F401
from djscratch.contrib.staticfiles.management.commands.collectstatic import (  # noqa: F401,E501
    _CollectstaticCommand,
)
from djscratch.contrib.staticfiles.management.commands.findstatic import (  # noqa: F401,E501
    _FindstaticCommand,
)
from djscratch.views.static import (  # noqa: F401
    _DIRECTORY_INDEX_TEMPLATE, _directory_index, _embedded_response, _file_response,
    _staticfiles_serve, serve, was_modified_since,
)
from djscratch.views.i18n import (  # noqa: F401
    _I18N_CATALOG_JS, _JS_FORMAT_SETTINGS, _safe_next_url, get_formats, i18n_patterns,
    i18n_urlpatterns, is_language_prefix_patterns_used, JavaScriptCatalog, JSONCatalog,
    LANGUAGE_QUERY_PARAMETER, null_javascript_catalog, set_language, _installed_configs,
)
from djscratch.middleware.locale import LocaleMiddleware  # noqa: F401
from djscratch.core.servers import (  # noqa: F401
    _configure_server_logging, _drop_security_tracebacks, _log_request,
    _log_when_closed, _LoggedBody, _make_wsgiref_server, _parse_addrport, _print_banner,
    _RELOADER_ENV, _RequestLogger, _restart_with_reloader, _stop_on_sigterm,
    _StopOnSigterm, _waitress_options, _server_error_handler, _watch_for_changes,
    _watched_files, run_server, SERVER_CHANNEL_TIMEOUT, SERVER_CONNECTION_LIMIT,
    SERVER_MAX_BODY_SIZE, SERVER_MAX_HEADER_SIZE, SERVER_TRUSTED_PROXY_HEADERS,
)
from djscratch.core.servers.basehttp import (  # noqa: F401
    _basehttp_built, _basehttp_class, _basehttp_classes, get_internal_wsgi_application,
    is_broken_pipe_error, run,
)
from djscratch.utils.autoreload import (  # noqa: F401
    _autoreload_error_files, _autoreload_exception, _autoreload_logger,
    _autoreload_subprocess, _module_file,
    _WATCHMAN_REFUSAL, autoreload_started, BaseReloader, check_errors, common_roots,
    DJANGO_AUTORELOAD_ENV, ensure_echo_on, file_changed, get_child_arguments,
    get_reloader, is_django_module, is_django_path, iter_all_python_module_files,
    iter_modules_and_files, pywatchman, raise_last_exception, restart_with_reloader,
    run_with_reloader, start_django, StatReloader, sys_path_directories, termios,
    trigger_reload, WatchmanReloader, WatchmanUnavailable,
)
from djscratch.template.autoreload import (  # noqa: F401
    _reset_engine_loaders, get_template_directories, reset_loaders, template_changed,
    watch_for_template_changes,
)
from djscratch.test.utils import (  # noqa: F401
    _AssertNumQueriesContext, _AssertTemplateNotUsedContext, _AssertTemplateUsedContext,
    _CheckCondition, _copy_context, _deferred_skip, _feature_values,
    _LOCMEM_EMAIL_BACKEND, _TestState, _stacklevel_outside_djscratch,
    COMPLEX_OVERRIDE_SETTINGS, complex_setting_changed, language_changed,
    _TZ_SUPPORT_REASON, Approximate, captured_output, captured_stderr, captured_stdin,
    captured_stdout, CaptureQueriesContext, ContextList, extend_sys_path, freeze_time,
    garbage_collect, ignore_warnings, isolate_apps, LoggingCaptureMixin,
    override_script_prefix, override_system_checks, register_lookup, modify_settings,
    override_settings, require_jinja2, requires_tz_support, setup_test_environment,
    skipIfDBFeature, skipUnlessAnyDBFeature, skipUnlessDBFeature, tag,
    teardown_test_environment, TestContextDecorator, TZ_SUPPORT,
)
from djscratch.test.html import (  # noqa: F401
    _BOOLEAN_HTML_ATTRIBUTES, _compare_xml, _html_tree_builder, _HtmlElement, _HtmlRoot,
    _squash_whitespace, HTMLParseError, parse_html,
)
from djscratch.test.client import (  # noqa: F401
    _async_sender, _charset_of, ClientHandler, _closing_stream, _connection_closers,
    _headers_to_environ, AsyncClient, AsyncClientHandler, AsyncRequestFactory,
    _is_json_content_type, conditional_content_removal, encode_file, FakePayload,
    _json_encoder_class, _LazyResolverMatch, _query_dict, _REDIRECT_STATUS_CODES,
    _store_rendered_templates, BOUNDARY, Client, CONTENT_TYPE_RE, encode_multipart,
    MULTIPART_CONTENT, RedirectCycleError, RequestFactory,
)
from djscratch.test.databases import (  # noqa: F401
    _create_test_db, _DatabaseFailure, _db_aliases, _destroy_test_db,
    _ensure_test_databases, _existing_tables, _flush_tables, _is_test_db, _model_tables,
    _orm_present, _prepare_for_database_tests, _reset_sequences,
    _run_on_commit_callback, _TestData, _TestDatabases, DatabaseOperationForbidden,
    is_pickable, SerializeMixin, setup_databases, teardown_databases,
)
from djscratch.contrib.messages.test import MessagesTestMixin  # noqa: F401
from djscratch.core.serializers.base import (  # noqa: F401
    _is_natural_key, BaseDeserializer, BaseSerializer, build_instance, DEFER_FIELD,
    DeserializationError, DeserializedObject, deserialize_fk_value,
    deserialize_m2m_values, M2MDeserializationError, ProgressBar, SerializationError,
    SerializerDoesNotExist,
)
from djscratch.core.serializers.python import (  # noqa: F401
    PythonDeserializer, PythonSerializer,
)
from djscratch.core.serializers.formats import (  # noqa: F401
    _handle_json_object, _json_kwargs, JsonDeserializer, JsonlDeserializer,
    JsonlSerializer, JsonSerializer,
)
from djscratch.utils.xmlutils import (  # noqa: F401
    _simpler_xml_generator_class, _XML_CONTROL_CHARS, UnserializableContentError,
)
from djscratch.core.serializers.xml_serializer import (  # noqa: F401
    _defused_expat_parser_class, DefusedXmlException, DTDForbidden, EntitiesForbidden,
    ExternalReferenceForbidden, fast_cache_clearing, getInnerText, getInnerTextList,
    XmlDeserializer, XmlSerializer,
)
from djscratch.core.serializers import (  # noqa: F401
    _builtin_serializer_module, _load_serializers, _RefusedSerializer,
    _serialization_modules_changed, _SerializerModule, _serializers, BadSerializer,
    BUILTIN_SERIALIZERS, deserialize, get_deserializer, get_public_serializer_formats,
    get_serializer, get_serializer_formats, register_serializer, serialize,
    sort_dependencies, unregister_serializer,
)
from djscratch.core.management.fixtures import (  # noqa: F401
    _compression_formats, _dumpdata, _find_fixtures, _fixture_dirs, _load_fixture_file,
    _load_fixtures, _loaddata, _parse_fixture_name, _registered_model, _stdin_fixture,
    _SingleZipReader,
)
from djscratch.test.testcases import (  # noqa: F401
    _LiveServerThread, LiveServerTestCase, SimpleTestCase, TestCase,
    TransactionTestCase, SeleniumTestCase, SeleniumTestCaseBase,
)
from djscratch.test.selenium import screenshot_cases  # noqa: F401
from djscratch.test.runner import (  # noqa: F401
    _app_test_labels, _flatten_suite, _progress_interval, _progress_result_class,
    _ProgressTestResult, _raiser, _Shuffler, _test_module, _test_tags, _TimeKeeper,
    _unique, DiscoverRunner,
)
from djscratch.test.parallel import (  # noqa: F401
    _clone_name, _clone_test_databases, _declared_cost, _destroy_test_database_clones,
    _fork_available, _init_worker, _is_file_db, _longest_first, _parallel_processes,
    _parallel_subsuites, _parallel_suite_class, _parallel_worker_id, _remote_error,
    _remote_result_class, _REPORTED,
    _RemoteRepr, _RemoteTraceback, _remove_database_file, _run_subsuite, _worker_main,
    get_max_test_processes, partition_suite_by_case,
)
from djscratch.two_engines import (  # noqa: F401
    _configure_django, _django_app_config, _DJANGO_ENGINE_VERSION, _django_main,
    _django_runserver, _django_template_backend, _django_test,
    _DjangoStaticFilesMiddleware, _engine_is_django, _require_django, _use_django_names,
)
from djscratch.django_alias import (  # noqa: F401
    _alias_provides, _ALIAS_RENAMES, _assign_everywhere, _AliasFinder, _AliasModule,
    _update_kept, _AsgirefFallbackFinder, _CHECK_RENAMES, _RUNTIME_NAMES,
    _DEFAULT_FILTER_NAMES, _DjangoMainLoader, _FILTER_FUNCTION_NAMES, _provided_value,
    _FORM_FIELD_RENAMES, _MADE_ON_FIRST_USE, _MESSAGE_RENAMES, _names, ASGIREF_MODULES,
    _NameTable, _STDLIB_ATTRIBUTES, DJANGO_MODULES, install_alias,
    install_asgiref_fallback, _value_without_module, _ASKED_WITHOUT_MODULE,
)
from djscratch.core.checks.security.base import (  # noqa: F401
    _check_secret_key, _SECURITY_E023, _SECURITY_E024, _security_middleware,
    _SECURITY_W001, _SECURITY_W002, _SECURITY_W004, _SECURITY_W005, _SECURITY_W006,
    _SECURITY_W008, _SECURITY_W009, _SECURITY_W018, _SECURITY_W019, _SECURITY_W020,
    _SECURITY_W021, _SECURITY_W022, _SECURITY_W025, _unless, _xframe_middleware,
    check_allowed_hosts, check_content_type_nosniff, check_cross_origin_opener_policy,
    check_debug, check_referrer_policy, check_secret_key, check_secret_key_fallbacks,
    check_security_middleware, check_ssl_redirect, check_sts,
    check_sts_include_subdomains, check_sts_preload, check_xframe_deny,
    check_xframe_options_middleware, CROSS_ORIGIN_OPENER_POLICY_VALUES,
    REFERRER_POLICY_VALUES, SECRET_KEY_INSECURE_PREFIX, SECRET_KEY_MIN_LENGTH,
    SECRET_KEY_MIN_UNIQUE_CHARACTERS, SECRET_KEY_WARNING_MSG,
)
from djscratch.core.checks.security.csrf import (  # noqa: F401
    _csrf_middleware, _SECURITY_W003, _SECURITY_W016, check_csrf_cookie_secure,
    check_csrf_failure_view, check_csrf_middleware,
)
from djscratch.core.checks.security.sessions import (  # noqa: F401
    _NOT_HTTPONLY, _NOT_SECURE, _SECURITY_W010, _SECURITY_W011, _SECURITY_W012,
    _SECURITY_W013, _SECURITY_W014, _SECURITY_W015, _session_app,
    _session_cookie_warnings, _session_middleware, _SESSIONS_APP_HAS,
    _SESSIONS_MIDDLEWARE_HAS, add_httponly_message, add_session_cookie_message,
    check_session_cookie_httponly, check_session_cookie_secure,
)
from djscratch.core.checks.async_checks import (  # noqa: F401
    _ASYNC_E001, check_async_unsafe,
)
from djscratch.core.checks.compatibility.django_4_0 import (  # noqa: F401
    check_csrf_trusted_origins,
)
from djscratch.core.checks.database import check_database_backends  # noqa: F401
from djscratch.core.checks.files import (  # noqa: F401
    check_setting_file_upload_temp_dir,
)
from djscratch.core.checks.translation import (  # noqa: F401
    _bad_tag, _language_is_supported, _tag_errors, _TRANSLATION_E001, _TRANSLATION_E002,
    _TRANSLATION_E003, _TRANSLATION_E004, check_language_settings_consistent,
    check_setting_language_code, check_setting_languages, check_setting_languages_bidi,
    _languages_lacking_formats, check_locale_formats,
)
from djscratch.core.checks.urls import (  # noqa: F401
    _URLS_E006, _check_angle_brackets, _check_callback, _check_pattern,
    _check_pattern_name, _describe, _load_all_namespaces, _urlconf_broken,
    check_custom_error_handlers, check_resolver, check_url_config,
    check_url_namespaces_unique, check_url_settings, get_warning_for_invalid_pattern,
)
from djscratch.core.checks.templates import (  # noqa: F401
    check_template_syntax, check_templates,
)
from djscratch.core.checks.caches import (  # noqa: F401
    _CACHES_E001, _exposed_paths, _relation, check_cache_location_not_exposed,
    check_default_cache_is_configured, check_file_based_cache_is_absolute,
)
from djscratch.core.checks.model_checks import (  # noqa: F401
    _check_accessor_clashes, _check_composite_pk, _check_field_names, _check_default_pk,
    _db_table_clashes, _model_checks, _name_clashes, _check_field_own, _check_managers,
    _check_ordering, _check_proxy, _check_relations_to_composite_pk,
    _check_single_primary_key, _composite_pk_hint,
    _own_fields, _ordering_error, _related_ordering_exists, check_all_models,
)
from djscratch.core.management.commands import (  # noqa: F401
    _as_argv, _builtin_parser, _call_base_command, _call_builtin,
    _CONTRIB_CLASS_COMMANDS, _CONTRIB_COMMANDS, _is_installed,
    _cache_table_sql, _check_arguments, _CHECK_LEVELS, _cmd_check, _cmd_clearsessions,
    _cmd_createcachetable, _create_cache_table, _create_test_cache_tables,
    _createcachetable_arguments, _cmd_dbshell, _cmd_dumpdata, _cmd_help, _cmd_loaddata,
    _cmd_migrate, _cmd_run, _cmd_runserver, _dumpdata_app_list, _dumpdata_objects,
    _dumpdata_stream, _cmd_shell, _cmd_template, _cmd_test, _cmd_version,
    _commands_text, _compat_problems, _compat_report, _COMPAT_SKIPPED,
    _dbshell_arguments, _DJANGO_COMMANDS, _names_rebound_in_functions,
    _version_guarded_imports, _DJANGO_ONLY_COMMANDS, _django_only_message,
    _dumpdata_arguments, _ensure_settings, _exit, _help_arguments,
    _load_apps_for_commands, _loaddata_arguments, _migrate_arguments, _parallel_value,
    _parser_actions, _print_command_help, _run_arguments, _interact,
    _run_python_startup, _runserver_arguments, _shell_arguments, _shell_auto_imports,
    _shuffle_seed, _template_arguments, _test_arguments, _NO_MIGRATION_FILES,
    _unknown_command, call_command, command, execute_from_command_line, find_commands,
    get_commands, load_command_class, main, main_help_text,
)
from djscratch.core.management.command_classes import (  # noqa: F401
    _BuiltinCommand, _DumpdataCommand, _LoaddataCommand, _name_as_django,
    ProxyModelWarning, _RunserverCommand, _TestserverCommand,
)
from djscratch.contrib.staticfiles.management.commands.runserver import (  # noqa: F401,E501
    _StaticfilesRunserverCommand,
)
from djscratch.contrib.auth.commands import (  # noqa: F401
    _changepassword_arguments, _ChangepasswordCommand, _cmd_changepassword,
    _cmd_createsuperuser, _createsuperuser_arguments, _CreatesuperuserCommand,
    _createsuperuser_getpass, _register_command_class, _run_command_class,
    _user_model_or_none, get_default_username, get_system_username,
    NotRunningInTTYException, PASSWORD_FIELD,
)
from djscratch.contrib.contenttypes.commands import (  # noqa: F401
    _cmd_remove_stale_contenttypes, _remove_stale_contenttypes_arguments,
    _remove_stale_contenttypes_cli_arguments, _RemoveStaleContenttypesCommand,
    NoFastDeleteCollector,
)
from djscratch.core.mail.sendtestemail import (  # noqa: F401
    _cmd_sendtestemail, _sendtestemail_arguments,
)
from djscratch.contrib.admin.widgets import (  # noqa: F401
    AdminBigIntegerFieldWidget, AdminDateWidget, AdminEmailInputWidget,
    AdminFileWidget, AdminIntegerFieldWidget, AdminRadioSelect, AdminSplitDateTime,
    AdminTextareaWidget, AdminTextInputWidget, AdminTimeWidget, AdminURLFieldWidget,
    AdminUUIDInputWidget, AutocompleteMixin, AutocompleteSelect,
    AutocompleteSelectMultiple, BaseAdminDateWidget, BaseAdminTimeWidget,
    FilteredSelectMultiple, ForeignKeyRawIdWidget, get_select2_language,
    _IS_POPUP_VAR, ManyToManyRawIdWidget, RelatedFieldWidgetWrapper,
    SELECT2_TRANSLATIONS, _TO_FIELD_VAR, url_params_from_lookup_dict,
)
from djscratch.contrib.admin.helpers import (  # noqa: F401
    ACTION_CHECKBOX_NAME, ActionForm, AdminErrorList, AdminField, AdminForm,
    AdminReadonlyField, Fieldline, Fieldset, InlineAdminForm, InlineAdminFormSet,
    InlineFieldset,
)
from djscratch.contrib.admin.options import (  # noqa: F401
    _add_preserved_filters, _admin_transaction, BaseModelAdmin, _changelist_display,
    csrf_protect_m, _formfield_defaults, FORMFIELD_FOR_DBFIELD_DEFAULTS,
    get_content_type_for_model, get_ul_class, HORIZONTAL, InlineModelAdmin,
    _is_changelist_url, IS_FACETS_VAR, IS_POPUP_VAR, ModelAdmin,
    _modelform_defines_fields, _permission_protected_form, _preserved_qsl,
    _related_fkey_lookups, _SEARCH_TERM_RE, ShowFacets, _smart_split_terms,
    StackedInline, TabularInline, TO_FIELD_VAR, _valid_pks, VERTICAL,
    _delete_protected_form,
)
from djscratch.contrib.admin.views.decorators import (  # noqa: F401
    staff_member_required,
)
from djscratch.contrib.admin.views.main import (  # noqa: F401
    ALL_VAR, ChangeList, _changelist_display_context, _coerce_field_name,
    _date_hierarchy, _date_hierarchy_start, ERROR_FLAG, _filter_choices,
    _has_select_related, IGNORED_PARAMS, items_for_result, _LOOKUP_ERRORS, ORDER_VAR,
    PAGE_VAR, _PageLink, _pagination_context, _q_from_lookup_params, _query_ordering,
    result_headers, result_hidden_fields, ResultList, results, SEARCH_VAR,
    _ordering_field_name,
)
from djscratch.contrib.admin.views.autocomplete import (  # noqa: F401
    AutocompleteJsonView,
)
from djscratch.contrib.admin.forms import (  # noqa: F401
    AdminAuthenticationForm, _AdminPasswordChangeForm,
)
from djscratch.contrib.contenttypes.admin import (  # noqa: F401
    GenericInlineModelAdmin, GenericInlineModelAdminChecks, GenericStackedInline,
    GenericTabularInline,
)
from djscratch.contrib.admin.sites import (  # noqa: F401
    AdminSite, all_sites, autodiscover, _default_actions, _default_admin_site,
    DefaultAdminSite, _object_url, _related_site_domain, site,
)
from djscratch.contrib.admin.templates import (  # noqa: F401
    _ADMIN_CSS, _ADMIN_ICON_NO, _ADMIN_ICON_UNKNOWN, _ADMIN_ICON_YES, _ADMIN_TEMPLATES,
    _ADMIN_TPL_ACTIONS, _ADMIN_TPL_APP_INDEX, _ADMIN_TPL_APP_LIST, _ADMIN_TPL_BASE,
    _ADMIN_TPL_BASE_SITE, _ADMIN_TPL_CHANGE_FORM, _ADMIN_TPL_CHANGE_FORM_OBJECT_TOOLS,
    _ADMIN_TPL_CHANGE_LIST, _ADMIN_TPL_CHANGE_LIST_OBJECT_TOOLS,
    _ADMIN_TPL_CHANGE_LIST_RESULTS, _ADMIN_TPL_DATE_HIERARCHY,
    _ADMIN_TPL_DELETE_CONFIRMATION, _ADMIN_TPL_DELETE_SELECTED_CONFIRMATION,
    _ADMIN_TPL_DELETE_SUMMARY, _ADMIN_TPL_FIELDSET, _ADMIN_TPL_FILTER, _ADMIN_TPL_INDEX,
    _ADMIN_TPL_INVALID_SETUP, _ADMIN_TPL_LOGGED_OUT, _ADMIN_TPL_LOGIN,
    _ADMIN_TPL_OBJECT_HISTORY, _ADMIN_TPL_PAGINATION, _ADMIN_TPL_PASSWORD_CHANGE_DONE,
    _ADMIN_TPL_PASSWORD_CHANGE_FORM, _ADMIN_TPL_PASSWORD_RESET_COMPLETE,
    _ADMIN_TPL_PASSWORD_RESET_CONFIRM, _ADMIN_TPL_PASSWORD_RESET_DONE,
    _ADMIN_TPL_PASSWORD_RESET_FORM, _ADMIN_TPL_POPUP_RESPONSE, _ADMIN_TPL_SEARCH_FORM,
    _ADMIN_TPL_STACKED, _ADMIN_TPL_SUBMIT_LINE, _ADMIN_TPL_TABULAR,
    _ADMIN_TPL_USER_PASSWORD, _ADMIN_CSS_AUTOCOMPLETE, _ADMIN_ICON_ADDLINK,
    _ADMIN_ICON_CHANGELINK, _ADMIN_ICON_DELETELINK, _ADMIN_ICON_VIEWLINK,
    _ADMIN_JS_AUTOCOMPLETE, _ADMIN_JS_CANCEL, _ADMIN_JS_DATETIME_SHORTCUTS,
    _ADMIN_JS_RELATED, _ADMIN_JS_POPUP_RESPONSE, _ADMIN_JS_SELECT_FILTER,
    _ADMIN_TPL_W_CLEARABLE_FILE, _ADMIN_TPL_W_DATE, _ADMIN_TPL_W_FK_RAW_ID,
    _ADMIN_TPL_W_M2M_RAW_ID, _ADMIN_TPL_W_RADIO, _ADMIN_TPL_W_RELATED_WRAPPER,
    _ADMIN_TPL_W_SPLIT_DATETIME, _ADMIN_TPL_W_TIME, _ADMIN_TPL_W_URL,
)
from djscratch.contrib.auth.admin import (  # noqa: F401
    GroupAdmin, _register_auth_admin, _sensitive_post_parameters_m, UserAdmin,
)
from djscratch.contrib.sites.admin import (  # noqa: F401
    _register_sites_admin, SiteAdmin,
)
from djscratch.contrib.admin.tests import (  # noqa: F401
    _admin_selenium_test_case, _NO_BROWSERS,
)
from djscratch.contrib.staticfiles.testing import (  # noqa: F401
    _static_live_server_test_case,
)
from djscratch.contrib.admin.templatetags import (  # noqa: F401
    add_preserved_filters, admin_actions, admin_list_filter, admin_list_library,
    admin_log_library, admin_modify_library, admin_urlname, admin_urlquote,
    admin_urls_library, AdminLogNode, cell_count, change_form_object_tools,
    InclusionAdminNode, change_list_object_tools, date_hierarchy, _date_hierarchy_tag,
    get_admin_log, pagination, _paginator_number, prepopulated_fields_js,
    _register_admin_inclusion_tag, result_list, search_form, submit_row,
)
from djscratch.contrib.admindocs.utils import (  # noqa: F401
    docutils_is_available, explicit_title_re, _find_groups, _get_group_start_end,
    get_view_name, named_group_matcher, non_capturing_group_matcher, parse_docstring,
    parse_rst, remove_non_capturing_groups, replace_metacharacters,
    replace_named_groups, replace_unnamed_groups, ROLES, split_explicit_title,
    strip_p_tags, unnamed_group_matcher,
)
from djscratch.contrib.admindocs.views import (  # noqa: F401
    BaseAdminDocsView, BookmarkletsView, extract_views_from_urlpatterns,
    get_readable_field_data_type, get_return_data_type, MODEL_METHODS_EXCLUDE,
    ModelDetailView, ModelIndexView, simplify_regex, TemplateDetailView,
    TemplateFilterIndexView, TemplateTagIndexView, user_has_model_view_permission,
    ViewDetailView, ViewIndexView,
)
from djscratch.contrib.admindocs.urls import admindocs_urlpatterns  # noqa: F401
from djscratch.contrib.admindocs.middleware import XViewMiddleware  # noqa: F401
from djscratch.contrib.admindocs.apps import (  # noqa: F401
    _ADMIN_DOC_TEMPLATES, _ADMIN_DOC_TPL_MISSING_DOCUTILS, AdminDocsConfig,
)
from djscratch.project_check import (  # noqa: F401
    _APP_HINTS, _apps_problems, _caches_problems, _databases_problems,
    _PATH_LIST_SETTINGS, _PATH_SETTINGS, _paths_problems, _provided, _settings_problems,
    _SQLITE_ENGINE, _templates_problems, check_project_settings,
)

#: Names built on first use (PEP 562), so `import djscratch` does not pay for
#: the modules they need: name -> factory.  The factory's result is cached as
#: a module global.
_LAZY_ATTRS = {"DjangoJSONEncoder": _make_django_json_encoder}
_NOT_BUILT = object()


def __getattr__(name):
    # The single file's code calls this for names built on first use
    # (__getattr__("Name")): once built, they are globals.
    value = globals().get(name, _NOT_BUILT)
    if value is not _NOT_BUILT:
        return value
    factory = _LAZY_ATTRS.get(name)
    if factory is None:
        section = _DEFERRED_NAMES.get(name)
        if section is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        _load_section(section)
        try:
            return globals()[name]
        except KeyError:  # deleted since
            raise AttributeError(
                f"module {__name__!r} has no attribute {name!r}") from None
    value = globals()[name] = factory()
    return value


# -- Sections built on first use (single file only): djscratch/sections.py
# has the tables the generator fills and reads a section's code; it runs
# here, in the namespace that is the whole single file.


def _defines(name):
    """Whether this module defines `name`, built yet or on first use (asking
    builds nothing)."""
    return name in globals() or name in _DEFERRED_NAMES or name in _LAZY_ATTRS


def _defined_yet(name):
    """`name`'s value, or None while it is not defined: unlike a plain use,
    this does not build the section that defines it (for code asking about
    state a section keeps, such as whether a test run is set up)."""
    return globals().get(name)


def _build_section_of(name):
    """Build the section that defines `name`, if it is one not built yet
    (for code that needs what a section does at import, such as registering
    its check functions, without using one of its names).  The package
    defines everything at import: nothing to do there."""
    section = _DEFERRED_NAMES.get(name)
    if section is not None:
        _load_section(section)


def _load_section(section):
    """Run `section` of the single file, and the sections it needs, once."""
    with _SECTION_LOCK:
        if section in _SECTIONS_LOADED:
            return
        wanted, stack = set(), [section]
        while stack:
            name = stack.pop()
            if name not in wanted and name not in _SECTIONS_LOADED:
                wanted.add(name)
                stack.extend(_SECTION_NEEDS[name])
        codes = []
        for name in sorted(wanted):
            codes += _section_code(name)
        _show_sections_to_inspect()
        # Marked first: what the code runs may use the section's names again.
        _SECTIONS_LOADED.update(wanted)
        try:
            for _line, code in sorted(codes, key=lambda pair: pair[0]):
                exec(code, globals())  # noqa: S102 - this file's own text
        except BaseException:
            _SECTIONS_LOADED.difference_update(wanted)
            raise


# `djscratch.models` is django.db.models, built on first use (see _LAZY_ATTRS).
_LAZY_ATTRS["models"] = _models_module
# django.template.backends.dummy.Template (see _dummy_template_class; a
# lambda: the single file defines the dummy backend on first use).
_LAZY_ATTRS["_DummyTemplate"] = lambda: _dummy_template_class()
# django.utils.encoding.DEFAULT_LOCALE_ENCODING: the locale's encoding, asked
# on first use (asking loads the locale module).
_LAZY_ATTRS["DEFAULT_LOCALE_ENCODING"] = get_system_encoding
# contrib.admin.tests extends the test cases, themselves built on first use.
_LAZY_ATTRS["AdminSeleniumTestCase"] = _admin_selenium_test_case
_LAZY_ATTRS["StaticLiveServerTestCase"] = _static_live_server_test_case
# django.utils.autoreload.subprocess (see _autoreload_subprocess).  Here and
# below, a lambda: the single file builds these modules on first use.
_LAZY_ATTRS["subprocess"] = lambda: _autoreload_subprocess()
# django.utils.lorem_ipsum.random, which Django's tests patch: the module, imported
# on first use (its functions import it when they run).
_LAZY_ATTRS["random"] = lambda: __import__("random")
# django.http.SimpleCookie is http.cookies' (see _simple_cookie_class).
_LAZY_ATTRS["SimpleCookie"] = _simple_cookie_class
# The XML serializer's generator and parser subclass the xml package's.
# (Called through a lambda: the single file defines them on first use.)
_LAZY_ATTRS["SimplerXMLGenerator"] = lambda: _simpler_xml_generator_class()
_LAZY_ATTRS["DefusedExpatParser"] = lambda: _defused_expat_parser_class()
# Django's wsgiref server classes need http.server (see _basehttp_classes).
_LAZY_ATTRS.update({name: (lambda name=name: _basehttp_class(name)()) for name in (
    "WSGIServer", "ThreadedWSGIServer", "ServerHandler", "WSGIRequestHandler")})
# The ModelForms over User (contrib.auth.forms) need django.forms.  (A
# lambda: the single file builds contrib.auth.forms on first use.)
_LAZY_ATTRS.update({name: (lambda name=name: _user_model_form(name)()) for name in (
    "BaseUserCreationForm", "UserCreationForm", "UserChangeForm",
    "AdminUserCreationForm")})



def _resume_gc(enabled):
    """Turn the garbage collector back on if it was on before djscratch
    began to load (see __djscratch_gc_was_enabled__ at the top).

    What loading made (the classes, functions and tables that live as long
    as the process) is frozen first: gc.freeze() moves it to the permanent
    generation, which no collection goes through.  Left in the youngest
    generation, the next collections would go through all of it twice (a
    young and a middle one, some 17 ms) only to promote it; in the oldest,
    every full collection would go through it again, and the interpreter's
    exit runs two or three of them (some 25 ms of a short process's CPU
    time).  Objects that existed before the import (the importing module's,
    the standard library's) are frozen with it; gc.unfreeze() hands them all
    back to the collector."""
    import gc

    gc.freeze()
    if enabled:
        gc.enable()


# djscratch is loaded: the garbage collector runs again.
_resume_gc(__djscratch_gc_was_enabled__)
