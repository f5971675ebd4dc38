"""After the site: every edition at its fixed address, each edition's PDF, and the local server that
serves a built site for printing and for the tests."""
