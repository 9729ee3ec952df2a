"""Submit an admin page's form as a browser would: every field with the value it shows."""

from __future__ import annotations


def _add_form(data: dict, form) -> None:
    for name in form.fields:
        value = form[name].value()
        key = form.add_prefix(name)
        if value is None:
            continue
        if isinstance(value, bool):
            if value:
                data[key] = "on"
        elif isinstance(value, list | tuple):
            data[key] = [str(getattr(v, "pk", v)) for v in value]
        else:
            data[key] = str(getattr(value, "pk", value))


def admin_form_data(response, **changes) -> dict:
    """The POST data of the admin change, add or history-revert page in ``response``, with
    ``changes`` applied to the main form's fields."""
    data: dict = {}
    _add_form(data, response.context["adminform"].form)
    for inline in response.context.get("inline_admin_formsets", []):
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
        for form in formset.forms:
            _add_form(data, form)
    for name, value in changes.items():
        data[name] = value
    return data
