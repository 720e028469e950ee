"""The article: parsing its plain text, and verifying claim rows against the passages they cite."""
