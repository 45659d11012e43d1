from django import forms

from .models import Review


class ReviewForm(forms.ModelForm):
    class Meta:
        model = Review
        fields = ["reader", "stars", "text"]

    def clean_stars(self):
        stars = self.cleaned_data["stars"]
        if not 1 <= stars <= 5:
            raise forms.ValidationError("Give between 1 and 5 stars.")
        return stars
