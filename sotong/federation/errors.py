"""Federation's bilingual messages: each names the problem and what to do (STYLE 11).

A harvest error is recorded on its peer (``Peer.last_error_*``) and the run goes on with the next
peer; the cursor stays where the last committed page left it, so nothing is lost. A refusal is
about one item: it is skipped, recorded (``Refusal``), and the harvest goes on.
"""

from __future__ import annotations

from sotong.core.errors import BilingualError, Message

# Adding and naming peers.
PEER_NAME_INVALID = Message(
    "peer_name_invalid",
    "연계 기관 이름 '{name}'은(는) 쓸 수 없습니다. 영문 소문자·숫자·하이픈 1–50자로 지어 주십시오(예: mapo).",
    "The peer name '{name}' cannot be used. Use 1–50 lower-case letters, digits and hyphens (e.g. mapo).",
)
PEER_NAME_TAKEN = Message(
    "peer_name_taken",
    "연계 기관 '{name}'이(가) 이미 있습니다. 다른 이름을 쓰거나 'sotong federation list'로 확인하십시오.",
    "A peer named '{name}' already exists. Choose another name, or see 'sotong federation list'.",
)
PEER_URL_INVALID = Message(
    "peer_url_invalid",
    "주소 '{url}'을(를) 쓸 수 없습니다. 그 기관 소통 포털의 공개 주소를 http(s)://호스트[:포트][/경로] 형태로, 쿼리 없이 적어 주십시오.",
    "The address '{url}' cannot be used. Give the peer portal's public address as "
    "http(s)://host[:port][/path], without a query.",
)
PEER_ORGANIZATION_INVALID = Message(
    "peer_organization_invalid",
    "기관명은 1–100자여야 합니다(예: --organization 마포구).",
    "The organization name must be 1–100 characters (e.g. --organization 마포구).",
)
PEER_UNKNOWN = Message(
    "peer_unknown",
    "연계 기관 '{name}'이(가) 없습니다. 'sotong federation list'로 이름을 확인하십시오.",
    "There is no peer named '{name}'. See 'sotong federation list' for the names.",
)

# A run that could not go on (recorded on the peer; its cursor is kept).
PEER_UNREACHABLE = Message(
    "peer_unreachable",
    "{url}에 연결할 수 없습니다({reason}). 주소가 맞는지, 그 기관의 포털이 실행 중인지 확인하십시오. 다음 수집 때 멈춘 곳부터 이어 받습니다.",
    "Cannot connect to {url} ({reason}). Check the address and that the peer's portal is running. "
    "The next harvest resumes where this one stopped.",
)
PEER_TIMEOUT = Message(
    "peer_timeout",
    "{url}이(가) 제한 시간({seconds}초) 안에 답하지 않았습니다. 그 기관의 포털이 느리거나 멈췄습니다. 다음 수집 때 멈춘 곳부터 이어 받습니다.",
    "{url} did not answer within {seconds} s: the peer's portal is slow or stuck. "
    "The next harvest resumes where this one stopped.",
)
PEER_NOT_HTTP = Message(
    "peer_not_http",
    "{url}의 답이 HTTP가 아닙니다({reason}). 주소의 포트와 http/https가 맞는지 확인하십시오.",
    "The answer from {url} is not HTTP ({reason}). Check the address's port and http/https.",
)
PEER_HTTP_STATUS = Message(
    "peer_http_status",
    "{url}이(가) HTTP {status}(으)로 답했습니다. 주소가 소통 포털의 것인지 확인하고, 5xx이면 그 기관에 오류 기록을 확인해 달라고 요청하십시오.",
    "{url} answered HTTP {status}. Check that the address is a Sotong portal's; for a 5xx, ask the "
    "peer to look at its error log.",
)
PEER_NOT_JSON = Message(
    "peer_not_json",
    "{url}의 답이 변경분 JSON이 아닙니다({reason}). 주소가 소통 포털(/api/v1/changes가 있는 버전)의 것인지 확인하십시오.",
    "The answer from {url} is not the changes feed's JSON ({reason}). Check that the address is a "
    "Sotong portal's, of a version with /api/v1/changes.",
)
PEER_TOO_LARGE = Message(
    "peer_too_large",
    "{url}의 답이 {max_mb}MB를 넘습니다(한 번에 1건을 요청해도). 그 기관에 문서 본문 크기를 확인해 달라고 요청하십시오.",
    "The answer from {url} exceeds {max_mb} MB (even for one record at a time). Ask the peer to "
    "check the size of its documents' text.",
)
PEER_BAD_PAGE = Message(
    "peer_bad_page",
    "변경분 응답의 형식이 올바르지 않습니다: {detail_ko}. 그 기관의 소통 버전을 확인해 달라고 요청하십시오. 이 쪽의 문서는 하나도 쓰지 않았습니다.",
    "The changes answer is malformed: {detail_en}. Ask the peer to check its Sotong version. Nothing of "
    "this page was written.",
)
PEER_BAD_ITEM = Message(
    "peer_bad_item",
    "변경분의 {index}번째 문서({public_id})의 '{field}' 값이 올바르지 않습니다: {detail_ko}. 그 기관의 소통 버전을 확인해 달라고 요청하십시오. 이 쪽의 문서는 하나도 쓰지 않았습니다.",
    "Item {index} ({public_id}) of the changes has an invalid '{field}': {detail_en}. Ask the peer to "
    "check its Sotong version. Nothing of this page was written.",
)
PEER_CURSOR_LOOP = Message(
    "peer_cursor_loop",
    "상대가 다음 쪽을 가리키지 않습니다(next가 보낸 커서와 같거나, 문서 없이 more만 보냄). 같은 쪽을 되풀이해 받지 않도록 멈췄습니다. 그 기관의 소통 버전을 확인해 달라고 요청하십시오.",
    "The peer does not point to a next page (next equals the cursor sent, or more without items). "
    "Stopped rather than fetch the same page again; ask the peer to check its Sotong version.",
)
HARVEST_FAILED = Message(
    "harvest_failed",
    "수집 중 이 포털에서 오류가 났습니다({reason}). 서버 로그를 확인하십시오. 다음 수집 때 멈춘 곳부터 이어 받습니다.",
    "The harvest failed on this portal ({reason}). See the server log. The next harvest resumes "
    "where this one stopped.",
)

# One item refused (skipped and recorded; the harvest goes on).
REFUSED_PERSONAL_INFORMATION = Message(
    "refused_personal_information",
    "가려지지 않은 개인정보({kinds})가 보여 게시하지 않았습니다. 그 기관에 가림 처리를 요청하십시오. 고쳐진 판이 나오면 다음 수집 때 들어옵니다.",
    "Not published: it shows unmasked personal information ({kinds}). Ask the peer to mask it; a "
    "corrected version comes in with the next harvest.",
)
REFUSED_OWN_PREFIX = Message(
    "refused_own_prefix",
    "공개 번호가 이 포털의 접두어({instance}-)를 씁니다. 그 기관의 SOTONG_INSTANCE_ID가 이 포털과 같지 않은지 확인해 달라고 요청하십시오.",
    "The public id carries this portal's prefix ({instance}-). Ask the peer to check that its "
    "SOTONG_INSTANCE_ID differs from this portal's.",
)
REFUSED_ID_TAKEN = Message(
    "refused_id_taken",
    "공개 번호가 이미 이 포털의 다른 문서({owner})에 쓰이고 있어 덮어쓰지 않았습니다. 두 기관의 SOTONG_INSTANCE_ID가 서로 다른지 확인하십시오.",
    "The public id already belongs to another record here ({owner}); it was not overwritten. Check "
    "that the instances' SOTONG_INSTANCE_ID values differ.",
)
REFUSED_OTHER_ORGANIZATION = Message(
    "refused_other_organization",
    "이 연계 기관({organization})이 아닌 다른 기관({other})의 문서입니다. 그 기관은 자기 포털에서 직접 연계하십시오.",
    "The record belongs to another organization ({other}) than this peer's ({organization}). "
    "Harvest that organization from its own portal.",
)
REFUSED_RELAYED = Message(
    "refused_relayed",
    "그 기관이 다른 포털({origin})에서 수집한 문서라 받지 않았습니다. 원래 기관의 포털에서 직접 연계하십시오.",
    "The peer harvested this record from another portal ({origin}); it was not taken. Harvest the "
    "original organization's portal directly.",
)


class FederationError(BilingualError):
    """A peer that cannot be added or found, or a harvest that could not go on."""
