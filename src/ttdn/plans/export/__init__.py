"""Plans as official documents: .docx in the Decree-30 layout, and PDF from that .docx."""

from ttdn.plans.export.decree30 import plan_to_docx
from ttdn.plans.export.pdf import docx_to_pdf

__all__ = ["docx_to_pdf", "plan_to_docx"]
