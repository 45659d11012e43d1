"""The auth models (django/contrib/auth/models.py): Permission, Group,
PermissionsMixin, AbstractUser, the swappable User, AnonymousUser, with
Django's tables and columns so either engine reads the other's database.
"""

# Modules that load later, used at call time: contrib.auth.api (backends).
import djscratch

from djscratch.asgiref_fallback import _asgiref_sync
from djscratch.utils.timezone import now
from djscratch.core.exceptions import PermissionDenied
from djscratch.db.models.fields import AutoField, CharField, DateTimeField
from djscratch.db.models.fields_extra import BooleanField, EmailField
from djscratch.db.models.base import Model
from djscratch.db.models.manager import Manager
from djscratch.db.models.deletion import CASCADE
from djscratch.db.models.related import ForeignKey, ManyToManyField
from djscratch.contrib.contenttypes.models import ContentType
from djscratch.contrib.auth.hashers import make_password
from djscratch.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from djscratch.contrib.auth.validators import UnicodeUsernameValidator

__all__ = [
    "Permission", "Group", "PermissionsMixin", "AbstractUser", "User",
    "AnonymousUser", "UserManager",
]


def update_last_login(sender, user, **kwargs):
    """user_logged_in receiver: record the login time."""
    user.last_login = now()
    user.save(update_fields=["last_login"])


class PermissionManager(Manager):
    use_in_migrations = True

    def get_by_natural_key(self, codename, app_label, model):
        return self.get(
            codename=codename,
            content_type=ContentType.objects.db_manager(self.db).get_by_natural_key(
                app_label, model))


class Permission(Model):
    """A named right on a model ("polls.add_question"); migrate creates
    add/change/delete/view for every model."""

    id = AutoField(primary_key=True, verbose_name="ID")
    name = CharField("name", max_length=255)
    content_type = ForeignKey(ContentType, CASCADE, verbose_name="content type")
    codename = CharField("codename", max_length=100)
    objects = PermissionManager()

    class Meta:
        app_label = "auth"
        verbose_name = "permission"
        verbose_name_plural = "permissions"
        unique_together = [["content_type", "codename"]]
        ordering = ["content_type__app_label", "content_type__model", "codename"]

    def __str__(self):
        return "%s | %s" % (self.content_type, self.name)

    def natural_key(self):
        return (self.codename,) + self.content_type.natural_key()

    natural_key.dependencies = ["contenttypes.contenttype"]


class GroupManager(Manager):
    use_in_migrations = True

    def get_by_natural_key(self, name):
        return self.get(name=name)

    async def aget_by_natural_key(self, name):
        return await self.aget(name=name)


class Group(Model):
    """A named set of users sharing permissions."""

    id = AutoField(primary_key=True, verbose_name="ID")
    name = CharField("name", max_length=150, unique=True)
    permissions = ManyToManyField(Permission, verbose_name="permissions", blank=True)
    objects = GroupManager()

    class Meta:
        app_label = "auth"
        verbose_name = "group"
        verbose_name_plural = "groups"

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.name,)


class UserManager(BaseUserManager):
    """User.objects: create_user() and create_superuser()."""

    use_in_migrations = True

    def _create_user_object(self, username, email, password, **extra_fields):
        if not username:
            raise ValueError("The given username must be set")
        email = self.normalize_email(email)
        username = self.model.normalize_username(username)
        user = self.model(username=username, email=email, **extra_fields)
        user.password = make_password(password)
        return user

    def _create_user(self, username, email, password, **extra_fields):
        user = self._create_user_object(username, email, password, **extra_fields)
        user.save(using=self._db)
        return user

    async def _acreate_user(self, username, email, password, **extra_fields):
        """See _create_user()."""
        user = self._create_user_object(username, email, password, **extra_fields)
        await user.asave(using=self._db)
        return user

    def create_user(self, username, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(username, email, password, **extra_fields)

    create_user.alters_data = True

    def create_superuser(self, username, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        if extra_fields.get("is_staff") is not True:
            raise ValueError("Superuser must have is_staff=True.")
        if extra_fields.get("is_superuser") is not True:
            raise ValueError("Superuser must have is_superuser=True.")
        return self._create_user(username, email, password, **extra_fields)

    create_superuser.alters_data = True

    async def acreate_user(self, username, email=None, password=None, **extra_fields):
        """See create_user()."""
        return await _asgiref_sync().sync_to_async(self.create_user)(
            username, email, password, **extra_fields)

    acreate_user.alters_data = True

    async def acreate_superuser(self, username, email=None, password=None,
                                **extra_fields):
        """See create_superuser()."""
        return await _asgiref_sync().sync_to_async(self.create_superuser)(
            username, email, password, **extra_fields)

    acreate_superuser.alters_data = True

    def with_perm(self, perm, is_active=True, include_superusers=True, backend=None,
                  obj=None):
        """The users holding `perm`, as the (single or named) backend says."""
        if backend is None:
            backends = djscratch.contrib.auth.api._get_backends(return_tuples=True)
            if len(backends) != 1:
                raise ValueError(
                    "You have multiple authentication backends configured and "
                    "therefore must provide the `backend` argument.")
            backend = backends[0][0]
        elif not isinstance(backend, str):
            raise TypeError(
                "backend must be a dotted import path string (got %r)." % backend)
        else:
            backend = djscratch.contrib.auth.api.load_backend(backend)
        if hasattr(backend, "with_perm"):
            return backend.with_perm(perm, is_active=is_active,
                                     include_superusers=include_superusers, obj=obj)
        return self.none()


def _user_get_permissions(user, obj, from_name):
    permissions = set()
    name = "get_%s_permissions" % from_name
    for backend in djscratch.contrib.auth.api.get_backends():
        if hasattr(backend, name):
            permissions.update(getattr(backend, name)(user, obj))
    return permissions


def _user_has_perm(user, perm, obj):
    # A backend may raise PermissionDenied to refuse outright.
    for backend in djscratch.contrib.auth.api.get_backends():
        if not hasattr(backend, "has_perm"):
            continue
        try:
            if backend.has_perm(user, perm, obj):
                return True
        except PermissionDenied:
            return False
    return False


def _user_has_module_perms(user, app_label):
    for backend in djscratch.contrib.auth.api.get_backends():
        if not hasattr(backend, "has_module_perms"):
            continue
        try:
            if backend.has_module_perms(user, app_label):
                return True
        except PermissionDenied:
            return False
    return False


async def _auser_get_permissions(user, obj, from_name):
    permissions = set()
    name = "aget_%s_permissions" % from_name
    for backend in djscratch.contrib.auth.api.get_backends():
        if hasattr(backend, name):
            permissions.update(await getattr(backend, name)(user, obj))
    return permissions


async def _auser_has_perm(user, perm, obj):
    for backend in djscratch.contrib.auth.api.get_backends():
        if not hasattr(backend, "ahas_perm"):
            continue
        try:
            if await backend.ahas_perm(user, perm, obj):
                return True
        except PermissionDenied:
            return False
    return False


async def _auser_has_module_perms(user, app_label):
    for backend in djscratch.contrib.auth.api.get_backends():
        if not hasattr(backend, "ahas_module_perms"):
            continue
        try:
            if await backend.ahas_module_perms(user, app_label):
                return True
        except PermissionDenied:
            return False
    return False


class _AsyncPermissionsMixin:
    """The async permission questions (Django 5.x) of PermissionsMixin and
    AnonymousUser, asked of each backend's a* method."""

    async def aget_user_permissions(self, obj=None):
        return await _auser_get_permissions(self, obj, "user")

    async def aget_group_permissions(self, obj=None):
        return await _auser_get_permissions(self, obj, "group")

    async def aget_all_permissions(self, obj=None):
        return await _auser_get_permissions(self, obj, "all")

    async def ahas_perm(self, perm, obj=None):
        if self.is_active and self.is_superuser:
            return True
        return await _auser_has_perm(self, perm, obj)

    async def ahas_perms(self, perm_list, obj=None):
        _check_perm_list(perm_list)
        for perm in perm_list:
            if not await self.ahas_perm(perm, obj):
                return False
        return True

    async def ahas_module_perms(self, app_label):
        if self.is_active and self.is_superuser:
            return True
        return await _auser_has_module_perms(self, app_label)


def _check_perm_list(perm_list):
    from collections.abc import Iterable

    if not isinstance(perm_list, Iterable) or isinstance(perm_list, str):
        raise ValueError("perm_list must be an iterable of permissions.")


class PermissionsMixin(_AsyncPermissionsMixin, Model):
    """is_superuser, groups and user_permissions, asked of the backends."""

    is_superuser = BooleanField(
        "superuser status", default=False,
        help_text="Designates that this user has all permissions without "
                  "explicitly assigning them.")
    groups = ManyToManyField(
        Group, verbose_name="groups", blank=True,
        help_text="The groups this user belongs to. A user will get all "
                  "permissions granted to each of their groups.",
        related_name="user_set", related_query_name="user")
    user_permissions = ManyToManyField(
        Permission, verbose_name="user permissions", blank=True,
        help_text="Specific permissions for this user.",
        related_name="user_set", related_query_name="user")

    class Meta:
        abstract = True

    def get_user_permissions(self, obj=None):
        return _user_get_permissions(self, obj, "user")

    def get_group_permissions(self, obj=None):
        return _user_get_permissions(self, obj, "group")

    def get_all_permissions(self, obj=None):
        return _user_get_permissions(self, obj, "all")

    def has_perm(self, perm, obj=None):
        """True if any backend grants `perm` (always, for active superusers)."""
        if self.is_active and self.is_superuser:
            return True
        return _user_has_perm(self, perm, obj)

    def has_perms(self, perm_list, obj=None):
        _check_perm_list(perm_list)
        return all(self.has_perm(perm, obj) for perm in perm_list)

    def has_module_perms(self, app_label):
        if self.is_active and self.is_superuser:
            return True
        return _user_has_module_perms(self, app_label)


class AbstractUser(AbstractBaseUser, PermissionsMixin):
    """Django's full user: username, names, email, staff and active flags."""

    username_validator = UnicodeUsernameValidator()

    username = CharField(
        "username", max_length=150, unique=True,
        help_text="Required. 150 characters or fewer. Letters, digits and "
                  "@/./+/-/_ only.",
        validators=[username_validator],
        error_messages={"unique": "A user with that username already exists."})
    first_name = CharField("first name", max_length=150, blank=True)
    last_name = CharField("last name", max_length=150, blank=True)
    email = EmailField("email address", blank=True)
    is_staff = BooleanField(
        "staff status", default=False,
        help_text="Designates whether the user can log into this admin site.")
    is_active = BooleanField(
        "active", default=True,
        help_text="Designates whether this user should be treated as active. "
                  "Unselect this instead of deleting accounts.")
    date_joined = DateTimeField("date joined", default=now)

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "username"
    REQUIRED_FIELDS = ["email"]

    class Meta:
        verbose_name = "user"
        verbose_name_plural = "users"
        abstract = True

    def clean(self):
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email)

    def get_full_name(self):
        return ("%s %s" % (self.first_name, self.last_name)).strip()

    def get_short_name(self):
        return self.first_name

    def email_user(self, subject, message, from_email=None, **kwargs):
        """Send an email to this user (django.core.mail.send_mail)."""
        from django.core.mail import send_mail

        send_mail(subject, message, from_email, [self.email], **kwargs)


class User(AbstractUser):
    """The default user model (table auth_user); AUTH_USER_MODEL swaps it."""

    id = AutoField(primary_key=True, verbose_name="ID")

    class Meta(AbstractUser.Meta):
        app_label = "auth"
        swappable = "AUTH_USER_MODEL"


class _EmptyManager:
    """AnonymousUser.groups / user_permissions: always empty."""

    def __init__(self, model):
        self.model = model

    def all(self):
        return self.model.objects.none()

    def __getattr__(self, name):
        return getattr(self.model.objects.none(), name)


class AnonymousUser(_AsyncPermissionsMixin):
    """request.user when nobody is logged in."""

    id = None
    pk = None
    username = ""
    is_staff = False
    is_active = False
    is_superuser = False
    _groups = _EmptyManager(Group)
    _user_permissions = _EmptyManager(Permission)

    def __str__(self):
        return "AnonymousUser"

    def __eq__(self, other):
        return isinstance(other, self.__class__)

    def __hash__(self):
        return 1

    def __int__(self):
        raise TypeError("Cannot cast AnonymousUser to int. Are you trying to use it "
                        "in place of User?")

    def _no_database(self, *args, **kwargs):
        raise NotImplementedError(
            "Django doesn't provide a DB representation for AnonymousUser.")

    save = delete = set_password = check_password = _no_database

    @property
    def groups(self):
        return self._groups

    @property
    def user_permissions(self):
        return self._user_permissions

    def get_user_permissions(self, obj=None):
        return _user_get_permissions(self, obj, "user")

    def get_group_permissions(self, obj=None):
        return set()

    def get_all_permissions(self, obj=None):
        return _user_get_permissions(self, obj, "all")

    def has_perm(self, perm, obj=None):
        return _user_has_perm(self, perm, obj=obj)

    def has_perms(self, perm_list, obj=None):
        _check_perm_list(perm_list)
        return all(self.has_perm(perm, obj) for perm in perm_list)

    def has_module_perms(self, module):
        return _user_has_module_perms(self, module)

    @property
    def is_anonymous(self):
        return True

    @property
    def is_authenticated(self):
        return False

    def get_username(self):
        return self.username
