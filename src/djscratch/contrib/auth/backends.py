"""Authentication backends (django/contrib/auth/backends.py): ModelBackend
checks a username and password against the user model and answers
permission questions from the Permission and Group tables; RemoteUserBackend
trusts the username the web server authenticated.
"""

# Modules that load later, used at call time: contrib.auth.api.
import djscratch

from djscratch.asgiref_fallback import _asgiref_sync
from djscratch.db.models.expressions import Q
from djscratch.contrib.auth.models import Permission

__all__ = [
    "BaseBackend", "ModelBackend", "AllowAllUsersModelBackend", "RemoteUserBackend",
    "AllowAllUsersRemoteUserBackend",
]


class BaseBackend:
    """A backend that authenticates nobody and grants nothing."""

    def authenticate(self, request, **kwargs):
        return None

    def get_user(self, user_id):
        return None

    def get_user_permissions(self, user_obj, obj=None):
        return set()

    def get_group_permissions(self, user_obj, obj=None):
        return set()

    def get_all_permissions(self, user_obj, obj=None):
        return {*self.get_user_permissions(user_obj, obj=obj),
                *self.get_group_permissions(user_obj, obj=obj)}

    def has_perm(self, user_obj, perm, obj=None):
        return perm in self.get_all_permissions(user_obj, obj=obj)

    # The async forms (Django 5.x): each runs its synchronous twin in a thread.

    async def aauthenticate(self, request, **kwargs):
        return await _asgiref_sync().sync_to_async(self.authenticate)(request, **kwargs)

    async def aget_user_permissions(self, user_obj, obj=None):
        return await _asgiref_sync().sync_to_async(self.get_user_permissions)(
            user_obj, obj)

    async def aget_group_permissions(self, user_obj, obj=None):
        return await _asgiref_sync().sync_to_async(self.get_group_permissions)(
            user_obj, obj)

    async def aget_all_permissions(self, user_obj, obj=None):
        return {*await self.aget_user_permissions(user_obj, obj=obj),
                *await self.aget_group_permissions(user_obj, obj=obj)}

    async def ahas_perm(self, user_obj, perm, obj=None):
        return perm in await self.aget_all_permissions(user_obj, obj)


def _user_model():
    return djscratch.contrib.auth.api.get_user_model()


class ModelBackend(BaseBackend):
    """Authenticate against AUTH_USER_MODEL's USERNAME_FIELD and password."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        UserModel = _user_model()
        if username is None:
            username = kwargs.get(UserModel.USERNAME_FIELD)
        if username is None or password is None:
            return None
        try:
            user = UserModel._default_manager.get_by_natural_key(username)
        except UserModel.DoesNotExist:
            # Hash anyway: an unknown username takes as long as a wrong
            # password, so timing does not reveal who has an account.
            UserModel().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None

    def user_can_authenticate(self, user):
        """Refuse inactive users (is_active False); models without the
        field are allowed."""
        return getattr(user, "is_active", True)

    def _get_user_permissions(self, user_obj):
        return user_obj.user_permissions.all()

    def _get_group_permissions(self, user_obj):
        return Permission.objects.filter(group__in=user_obj.groups.all())

    def _get_permissions(self, user_obj, obj, from_name):
        """The "app_label.codename" strings of user_obj's permissions from
        `from_name` ("user" or "group"), cached on the user object."""
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        perm_cache_name = "_%s_perm_cache" % from_name
        if not hasattr(user_obj, perm_cache_name):
            if user_obj.is_superuser:
                perms = Permission.objects.all()
            else:
                perms = getattr(self, "_get_%s_permissions" % from_name)(user_obj)
            perms = perms.values_list("content_type__app_label", "codename").order_by()
            setattr(user_obj, perm_cache_name, {"%s.%s" % (ct, name)
                                                for ct, name in perms})
        return getattr(user_obj, perm_cache_name)

    def get_user_permissions(self, user_obj, obj=None):
        return self._get_permissions(user_obj, obj, "user")

    def get_group_permissions(self, user_obj, obj=None):
        return self._get_permissions(user_obj, obj, "group")

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            user_obj._perm_cache = super().get_all_permissions(user_obj)
        return user_obj._perm_cache

    def has_perm(self, user_obj, perm, obj=None):
        return user_obj.is_active and super().has_perm(user_obj, perm, obj=obj)

    def has_module_perms(self, user_obj, app_label):
        """True if user_obj has any permission in the app `app_label`."""
        return user_obj.is_active and any(
            perm[:perm.index(".")] == app_label
            for perm in self.get_all_permissions(user_obj))

    async def aget_all_permissions(self, user_obj, obj=None):
        return await _asgiref_sync().sync_to_async(self.get_all_permissions)(
            user_obj, obj)

    async def ahas_perm(self, user_obj, perm, obj=None):
        return user_obj.is_active and await super().ahas_perm(user_obj, perm, obj=obj)

    async def ahas_module_perms(self, user_obj, app_label):
        return user_obj.is_active and any(
            perm[:perm.index(".")] == app_label
            for perm in await self.aget_all_permissions(user_obj))

    async def aget_user(self, user_id):
        return await _asgiref_sync().sync_to_async(self.get_user)(user_id)

    def with_perm(self, perm, is_active=True, include_superusers=True, obj=None):
        """The active users holding `perm` ("app_label.codename" or a
        Permission), directly, through a group, or as superusers."""
        if isinstance(perm, str):
            try:
                app_label, codename = perm.split(".")
            except ValueError:
                raise ValueError(
                    "Permission name should be in the form "
                    "app_label.permission_codename."
                ) from None
        elif not isinstance(perm, Permission):
            raise TypeError(
                "The `perm` argument must be a string or a permission instance.")
        UserModel = _user_model()
        if obj is not None:
            return UserModel._default_manager.none()
        if isinstance(perm, Permission):
            permission_q = Q(pk=perm.pk)
        else:
            permission_q = Q(codename=codename, content_type__app_label=app_label)
        # The users holding it directly, and those of the groups holding it.
        user_q = Q(pk__in=Permission.objects.filter(permission_q).values(
            "user")) | Q(pk__in=Permission.objects.filter(permission_q).values(
                "group__user"))
        if include_superusers:
            user_q |= Q(is_superuser=True)
        if is_active is not None:
            user_q &= Q(is_active=is_active)
        return UserModel._default_manager.filter(user_q)

    def get_user(self, user_id):
        UserModel = _user_model()
        try:
            user = UserModel._default_manager.get(pk=user_id)
        except UserModel.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None


class AllowAllUsersModelBackend(ModelBackend):
    """ModelBackend that lets inactive users log in too."""

    def user_can_authenticate(self, user):
        return True


class RemoteUserBackend(ModelBackend):
    """Authenticate the username the web server vouches for (REMOTE_USER,
    with RemoteUserMiddleware), creating the user unless
    create_unknown_user is False."""

    create_unknown_user = True

    def _remote_user(self, remote_user):
        """(user or None, created) for the cleaned `remote_user`."""
        UserModel = _user_model()
        username = self.clean_username(remote_user)
        if self.create_unknown_user:
            return UserModel._default_manager.get_or_create(
                **{UserModel.USERNAME_FIELD: username})
        try:
            return UserModel._default_manager.get_by_natural_key(username), False
        except UserModel.DoesNotExist:
            return None, False

    def authenticate(self, request, remote_user):
        if not remote_user:
            return None
        user, created = self._remote_user(remote_user)
        user = self.configure_user(request, user, created=created)
        return user if self.user_can_authenticate(user) else None

    async def aauthenticate(self, request, remote_user):
        """See authenticate() (the queries run synchronously)."""
        if not remote_user:
            return None
        user, created = self._remote_user(remote_user)
        user = await self.aconfigure_user(request, user, created=created)
        return user if self.user_can_authenticate(user) else None

    def clean_username(self, username):
        """Hook: the username to look up for `username` (unchanged here)."""
        return username

    def configure_user(self, request, user, created=True):
        """Hook: set up `user` (new when `created`); return it."""
        return user

    async def aconfigure_user(self, request, user, created=True):
        """See configure_user()."""
        return self.configure_user(request, user, created)


class AllowAllUsersRemoteUserBackend(RemoteUserBackend):
    """RemoteUserBackend that lets inactive users in too."""

    def user_can_authenticate(self, user):
        return True


# Django's messages name a backend by its class (%r, "got <class ...>"):
# keep Django's path.
BaseBackend.__module__ = ModelBackend.__module__ = "django.contrib.auth.backends"
AllowAllUsersModelBackend.__module__ = RemoteUserBackend.__module__ = \
    AllowAllUsersRemoteUserBackend.__module__ = "django.contrib.auth.backends"
