from sijeong.accounts.roles import can_edit


def test_editor_edits_only_own_department(bob, carol, department):
    assert can_edit(bob, department) is False  # departments are admin-only records
