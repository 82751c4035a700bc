"""The extraction stage's one typed error and its messages (STYLE 8, 11).

Each message tells the person who uploaded the file what to send instead.
"""

from __future__ import annotations

from sotong.core.errors import BilingualError, Message

UNSUPPORTED_FORMAT = Message(
    code="unsupported_format",
    ko="지원하지 않는 파일 형식입니다({ext}). TXT, PDF, DOCX, XLSX, HWP, HWPX 파일이나 PNG, JPEG, TIFF 스캔 이미지를 보내 주십시오.",
    en="This file format is not supported ({ext}). Please send a TXT, PDF, DOCX, XLSX, HWP or HWPX file, or a PNG, JPEG or TIFF scan.",
)
UNSUPPORTED_VERSION = Message(
    code="unsupported_version",
    ko="이 {format} 파일의 버전은 지원하지 않습니다. 한글에서 HWP 5.0 이상 또는 HWPX로 다시 저장해 보내 주십시오.",
    en="This {format} file's version is not supported. Please re-save it in Hancom Office as HWP 5.0 or later, or as HWPX, and send it again.",
)
CORRUPT_FILE = Message(
    code="corrupt_file",
    ko="파일이 손상되었거나 올바른 {format} 파일이 아닙니다. 원래 프로그램에서 파일을 열어 다시 저장한 뒤 보내 주십시오.",
    en="The file is damaged or is not a valid {format} file. Please open it in the program that made it, save it again and send the new copy.",
)
ENCRYPTED_FILE = Message(
    code="encrypted_file",
    ko="암호가 걸린 {format} 파일은 읽을 수 없습니다. 암호(보호)를 해제하고 저장한 뒤 다시 보내 주십시오.",
    en="A password-protected {format} file cannot be read. Please remove the password (protection), save the file and send it again.",
)
ARCHIVE_TOO_LARGE = Message(
    code="archive_too_large",
    ko="압축을 풀면 너무 커지는 파일입니다(최대 {limit_mb}MB). 내용을 나누거나 그림을 줄여 다시 보내 주십시오.",
    en="The file unpacks to too much data (at most {limit_mb} MB). Please split it or shrink its images and send it again.",
)
EMPTY_FILE = Message(
    code="empty_file",
    ko="빈 파일입니다. 내용이 있는 파일을 보내 주십시오.",
    en="The file is empty. Please send a file that has content.",
)
FILE_TOO_LARGE = Message(
    code="file_too_large",
    ko="파일이 너무 큽니다(최대 {limit_mb}MB). 파일을 나누어 보내 주십시오.",
    en="The file is too large (at most {limit_mb} MB). Please split it and send the parts.",
)
FILE_UNREADABLE = Message(
    code="file_unreadable",
    ko="파일을 읽을 수 없습니다({path}). 경로와 읽기 권한을 확인하십시오.",
    en="The file cannot be read ({path}). Please check the path and the read permission.",
)
UNKNOWN_ENCODING = Message(
    code="unknown_encoding",
    ko="텍스트 파일의 문자 인코딩을 알 수 없습니다. UTF-8로 저장해 다시 보내 주십시오.",
    en="The text file's character encoding is not recognised. Please save it as UTF-8 and send it again.",
)

NEEDS_OCR = Message(
    code="needs_ocr",
    ko=(
        "글자 층이 없는 스캔 이미지라 글자 인식(OCR)이 필요하지만, 이 서버에 OCR 프로그램"
        "(tesseract-ocr, tesseract-ocr-kor)이 설치되어 있지 않습니다. 담당자가 직접 검토합니다. "
        "관리자는 두 패키지를 설치한 뒤 다시 처리하십시오."
    ),
    en=(
        "This is a scanned image with no text layer, so it needs OCR, but the OCR program "
        "(tesseract-ocr, tesseract-ocr-kor) is not installed on this server. A person will review it. "
        "Administrators: install both packages and process the file again."
    ),
)
OCR_FAILED = Message(
    code="ocr_failed",
    ko="스캔 이미지의 글자 인식(OCR)이 실패했거나 시간 안에 끝나지 않았습니다. 담당자가 직접 검토합니다. 더 선명하게 스캔한 파일(300dpi)이나 원본 문서 파일을 보내 주십시오.",
    en="Reading the scanned image (OCR) failed or took too long. A person will review it. Please send a sharper scan (300 dpi) or the original document file.",
)
IMAGE_TOO_LARGE = Message(
    code="image_too_large",
    ko="이미지가 너무 큽니다(한 쪽에 최대 {limit_mp}백만 화소). 300dpi로 다시 스캔하거나 이미지를 줄여 보내 주십시오.",
    en="The image is too large (at most {limit_mp} million pixels a page). Please scan it again at 300 dpi or shrink it and send it again.",
)


class ExtractionError(BilingualError):
    """A file the extraction stage cannot turn into text; the run quarantines it and goes on."""
