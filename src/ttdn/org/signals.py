"""What other apps may react to without the organisation importing them."""

from django.dispatch import Signal

# Sent inside the creating transaction, with ``commune`` and ``actor``: the portal builds the
# commune's home page in each language, its editorial groups and its approval workflow.
commune_created = Signal()
