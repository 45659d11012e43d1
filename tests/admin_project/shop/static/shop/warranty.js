// Loaded on the warranty pages: proves ModelAdmin.Media reaches the page.
