"""The desktop app: everything Qt lives below here; a thin layer over kbclient.core."""
