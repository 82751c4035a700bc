"""Messages of account administration: each says how to fix the problem (STYLE 11)."""

from __future__ import annotations

from sotong.core.errors import Message

ORGANIZATION_UNKNOWN = Message(
    "organization_unknown",
    "기관 '{name}'을(를) 찾을 수 없습니다. 조직도를 먼저 가져오거나(sotong import-organizations) 조직도에 있는 기관명을 정확히 쓰십시오.",
    "organization '{name}' not found: import the organization chart first (sotong import-organizations) or give the name exactly as the chart has it",
)
DEPARTMENT_UNKNOWN = Message(
    "department_unknown",
    "'{organization}'에 부서 '{name}'이(가) 없습니다. 조직도의 부서명을 쓰십시오(상위 부서와 함께: 주택정책실 > 주택정책과).",
    "'{organization}' has no unit '{name}': give a unit name from the chart (with its parents: 주택정책실 > 주택정책과)",
)
DEPARTMENT_AMBIGUOUS = Message(
    "department_ambiguous",
    "'{organization}'에 '{name}' 부서가 {count}개 있습니다. 상위 부서와 함께 쓰십시오: {paths}",
    "'{organization}' has {count} units named '{name}': give the path with its parents, one of: {paths}",
)
USERNAME_TAKEN = Message(
    "username_taken",
    "사용자 '{username}'이(가) 이미 있습니다. 다른 사용자 이름을 쓰거나 관리 화면(/admin/)에서 고치십시오.",
    "user '{username}' already exists: choose another username or change the existing one in the admin (/admin/)",
)
PASSWORD_ENV_EMPTY = Message(
    "password_env_empty",
    "환경 변수 {variable}에 비밀번호가 없습니다. 값을 넣거나 --password-from-env 없이 실행해 입력하십시오.",
    "environment variable {variable} holds no password: set it, or leave out --password-from-env to type it",
)
PASSWORD_MISMATCH = Message(
    "password_mismatch",
    "두 번 입력한 비밀번호가 다릅니다. 다시 실행해 같은 비밀번호를 두 번 입력하십시오.",
    "the two passwords differ: run the command again and type the same password twice",
)
PASSWORD_REJECTED = Message(
    "password_rejected",
    "비밀번호를 쓸 수 없습니다: {problems} 더 길고 추측하기 어려운 비밀번호를 쓰십시오.",
    "the password was rejected: {problems} Choose a longer one that is harder to guess.",
)
