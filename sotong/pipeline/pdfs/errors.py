"""The public-PDF producers' one typed error and its messages (STYLE 8, 11).

A producer that cannot prove its output holds nothing masked raises rather than publish a guess;
the run records the error and the record goes to a person.
"""

from __future__ import annotations

from sotong.core.errors import BilingualError, Message

# Raised with ``field="page N"``: the message has no fields, so callers may raise it for a whole file.
REDACTION_UNSAFE = Message(
    code="redaction_unsafe",
    ko=(
        "가려야 할 내용을 모두 찾아 지웠는지 확인할 수 없습니다(글자 층이 없는 스캔 이미지, 읽을 수 없는 글자, "
        "또는 위치를 찾지 못한 가릴 내용). 공개용 PDF를 만들지 않고 담당자가 직접 검토합니다. "
        "글자 층이 있는 원본 문서 파일을 보내 주시거나, 가린 사본을 직접 만들어 올려 주십시오."
    ),
    en=(
        "It cannot be shown that every masked passage was found and removed (a scanned image with no text "
        "layer, unreadable characters, or a masked passage that could not be located). No public PDF is made "
        "and a person will review the record. Please send the original document file with a text layer, or "
        "make and upload a redacted copy yourself."
    ),
)
PDF_ENCRYPTED = Message(
    code="pdf_encrypted",
    ko="암호가 걸린 PDF 파일이라 공개용 PDF를 만들 수 없습니다. 암호를 해제하고 저장한 뒤 다시 보내 주십시오.",
    en="The PDF is password-protected, so no public PDF can be made. Please remove the password, save the file and send it again.",
)
PDF_CORRUPT = Message(
    code="pdf_corrupt",
    ko="PDF 파일이 손상되었거나 쪽이 없습니다. 원래 프로그램에서 PDF로 다시 저장해 보내 주십시오.",
    en="The PDF is damaged or has no pages. Please save it as PDF again in the program that made it and send the new copy.",
)
PDF_TOO_MANY_PAGES = Message(
    code="pdf_too_many_pages",
    ko="PDF의 쪽 수가 너무 많습니다({pages}쪽, 최대 {limit}쪽). 파일을 나누어 보내 주십시오.",
    en="The PDF has too many pages ({pages}, at most {limit}). Please split it and send the parts.",
)
IMAGE_UNREADABLE = Message(
    code="image_unreadable",
    ko="스캔 이미지를 읽을 수 없습니다. PNG, JPEG 또는 TIFF로 다시 저장해 보내 주십시오.",
    en="The scanned image cannot be read. Please save it again as PNG, JPEG or TIFF and send it.",
)
IMAGE_TOO_LARGE = Message(
    code="image_too_large",
    ko="이미지가 너무 큽니다(한 쪽에 최대 {limit_mp}백만 화소). 300dpi로 다시 스캔하거나 이미지를 줄여 보내 주십시오.",
    en="The image is too large (at most {limit_mp} million pixels a page). Please scan it again at 300 dpi or shrink it and send it again.",
)
PUBLIC_PDF_CHECK_FAILED = Message(
    code="public_pdf_check_failed",
    ko="공개용 PDF가 유출 검사를 통과하지 못했습니다({where}). 공개하지 않고 담당자가 직접 검토합니다.",
    en="The public PDF failed the leak check ({where}); it is not published and the record goes to review.",
)


class PublicPdfError(BilingualError):
    """A public PDF that cannot be made safely; the record is not published and goes to review."""
