"""Access control for views: redirect_to_login and the decorators
login_required, permission_required, user_passes_test, login_not_required
(django/contrib/auth/decorators.py and views.redirect_to_login).
"""

import urllib.parse
from djscratch.asgiref_fallback import _asgiref_sync, iscoroutinefunction
from djscratch.core.exceptions import PermissionDenied
from djscratch.conf import settings
from djscratch.http.request import QueryDict
from djscratch.http.response import HttpResponseRedirect
from djscratch.shortcuts import resolve_url

__all__ = [
    "redirect_to_login", "user_passes_test", "login_required",
    "login_not_required", "permission_required", "REDIRECT_FIELD_NAME",
]

#: django.contrib.auth.REDIRECT_FIELD_NAME: here, not beside the rest of
#: contrib.auth's API (which the single file builds on first use), because the
#: decorators' defaults use it at import.
REDIRECT_FIELD_NAME = "next"


def redirect_to_login(next, login_url=None, redirect_field_name=REDIRECT_FIELD_NAME):
    """Redirect to the login page with ?next=<the page asked for>."""
    resolved_url = resolve_url(login_url or settings.LOGIN_URL)
    parts = list(urllib.parse.urlsplit(resolved_url))
    if redirect_field_name:
        querystring = QueryDict(parts[3], mutable=True)
        querystring[redirect_field_name] = next
        parts[3] = querystring.urlencode(safe="/")
    return HttpResponseRedirect(urllib.parse.urlunsplit(parts))


def _login_redirect(request, login_url, redirect_field_name):
    """redirect_to_login() for this request: `next` is the path alone when
    the login page is on the same scheme and host, the full URL otherwise."""
    path = request.build_absolute_uri()
    resolved_login_url = resolve_url(login_url or settings.LOGIN_URL)
    login_scheme, login_netloc = urllib.parse.urlsplit(resolved_login_url)[:2]
    current_scheme, current_netloc = urllib.parse.urlsplit(path)[:2]
    if (not login_scheme or login_scheme == current_scheme) and (
            not login_netloc or login_netloc == current_netloc):
        path = request.get_full_path()
    return redirect_to_login(path, resolved_login_url, redirect_field_name)


def user_passes_test(test_func, login_url=None,
                     redirect_field_name=REDIRECT_FIELD_NAME):
    """Run the view if test_func(request.user) is true, else redirect to
    the login page.  An async view stays async (the user comes from
    request.auser()); test_func may be async either way."""
    from functools import wraps

    def decorator(view_func):
        if iscoroutinefunction(view_func):
            async def _view_wrapper(request, *args, **kwargs):
                user = await request.auser()
                if iscoroutinefunction(test_func):
                    test_pass = await test_func(user)
                else:
                    test_pass = await _asgiref_sync().sync_to_async(test_func)(user)
                if test_pass:
                    return await view_func(request, *args, **kwargs)
                return _login_redirect(request, login_url, redirect_field_name)
        else:
            def _view_wrapper(request, *args, **kwargs):
                if iscoroutinefunction(test_func):
                    test_pass = _asgiref_sync().async_to_sync(test_func)(request.user)
                else:
                    test_pass = test_func(request.user)
                if test_pass:
                    return view_func(request, *args, **kwargs)
                return _login_redirect(request, login_url, redirect_field_name)

        # Read by LoginRequiredMiddleware.
        _view_wrapper.login_url = login_url
        _view_wrapper.redirect_field_name = redirect_field_name
        return wraps(view_func)(_view_wrapper)

    return decorator


def login_required(function=None, redirect_field_name=REDIRECT_FIELD_NAME,
                   login_url=None):
    """Redirect anonymous users to the login page."""
    actual_decorator = user_passes_test(
        lambda u: u.is_authenticated, login_url=login_url,
        redirect_field_name=redirect_field_name)
    if function:
        return actual_decorator(function)
    return actual_decorator


def login_not_required(view_func):
    """Exempt a view from LoginRequiredMiddleware."""
    view_func.login_required = False
    return view_func


def permission_required(perm, login_url=None, raise_exception=False):
    """Require every permission in `perm` (a name or an iterable): redirect
    to the login page, or raise PermissionDenied if raise_exception."""
    perms = (perm,) if isinstance(perm, str) else perm

    def check_perms(user):
        if user.has_perms(perms):
            return True
        if raise_exception:
            raise PermissionDenied
        return False

    async def acheck_perms(user):
        ahas_perms = getattr(user, "ahas_perms", None)
        if ahas_perms is not None:
            allowed = await ahas_perms(perms)
        else:
            allowed = await _asgiref_sync().sync_to_async(user.has_perms)(perms)
        if allowed:
            return True
        if raise_exception:
            raise PermissionDenied
        return False

    def decorator(view_func):
        check = acheck_perms if iscoroutinefunction(view_func) else check_perms
        return user_passes_test(check, login_url=login_url)(view_func)

    return decorator
