"""Users, their departments and roles (관리자, 편집자, 열람자)."""
