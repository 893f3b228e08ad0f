"""The document model (문서 모델) and its writers: HWPX, DOCX, PDF, HTML and Markdown.

Writers know documents, not mayors: nothing here imports a domain app.
"""
