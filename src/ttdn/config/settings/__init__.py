"""Settings: ``base`` (shared), ``demo`` (the embedded default), ``test``, ``production``."""
