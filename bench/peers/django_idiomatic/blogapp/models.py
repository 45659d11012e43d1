from django.db import models


class Comment(models.Model):
    author = models.CharField(max_length=64)
    body = models.TextField()
    time = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "blog_comment"
        ordering = ["-time", "-id"]

    def __str__(self):
        return f"{self.author}: {self.body[:40]}"
