"""A custom user model whose primary key is a CompositePrimaryKey, as in
Django's auth_tests (CustomUserCompositePrimaryKey)."""

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager
from django.db import models


class Mgr(BaseUserManager):
    def create_user(self, email, date_of_birth, password=None):
        user = self.model(email=self.normalize_email(email),
                          date_of_birth=date_of_birth)
        user.set_password(password)
        user.save(using=self._db)
        return user


class CUser(AbstractBaseUser):
    pk = models.CompositePrimaryKey("email", "date_of_birth")
    email = models.EmailField(max_length=255, unique=True)
    is_active = models.BooleanField(default=True)
    date_of_birth = models.DateField()
    objects = Mgr()
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["date_of_birth"]
