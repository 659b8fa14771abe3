"""Date and number formats where Django's own are missing or incomplete for a site language
(FORMAT_MODULE_PATH): Django reads these before its own, a setting at a time."""
