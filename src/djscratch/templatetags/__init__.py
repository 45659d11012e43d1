"""The optional tag libraries: {% load static %}, tz, i18n, l10n."""
