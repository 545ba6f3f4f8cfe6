"""Settings modules: ``base`` (shared), ``demo`` (the embedded default), ``test``, ``production``."""
