from django import forms


class QuestionForm(forms.Form):
    text = forms.CharField(max_length=20)

    def clean_text(self):
        text = self.cleaned_data["text"]
        if not text.endswith("?"):
            raise forms.ValidationError("A question ends with a question mark.")
        return text
