"""Sign-in and the admin's account forms."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import EmailField, HiddenField, PasswordField, RadioField, StringField
from wtforms.validators import AnyOf, DataRequired, Email, EqualTo, Length, ValidationError

from lindungi.forms import BaseForm
from lindungi.staff import accounts
from lindungi.staff.models import Role

# Every validator states its message: WTForms' own are English only (it has no Indonesian).
TOO_LONG = _l("Use at most %(max)d characters.")

ROLE_LABELS = {
    Role.ADMIN: _l("Administrator"),
    Role.REVIEWER: _l("Reviewer"),
    Role.COMMUNICATIONS: _l("Communications"),
}
ROLE_HINTS = {
    Role.ADMIN: _l("Manages staff accounts, reads the audit log, and can do all other work."),
    Role.REVIEWER: _l("Decides enrollment requests and exports approved ones."),
    Role.COMMUNICATIONS: _l("Posts news and edits pages. Never sees applicants' data."),
}


def role_choices() -> list[tuple[str, str]]:
    return [(role.value, str(ROLE_LABELS[role])) for role in Role]


class StaffForm(BaseForm):
    """BaseForm strips every text field; passwords are kept exactly as typed."""

    class Meta(BaseForm.Meta):
        def bind_field(self, form, unbound_field, options):
            if issubclass(unbound_field.field_class, PasswordField):
                return unbound_field.bind(form=form, **options)
            return super().bind_field(form, unbound_field, options)


class SignInForm(StaffForm):
    email = EmailField(_l("Email address"), validators=[
        DataRequired(_l("Enter your email address.")), Length(max=254, message=TOO_LONG)])
    password = PasswordField(_l("Password"), validators=[
        DataRequired(_l("Enter your password.")),
        Length(max=accounts.MAX_PASSWORD_LENGTH, message=TOO_LONG)])
    next = HiddenField()


def _check_password(form: StaffForm, field: PasswordField) -> None:
    email = getattr(form, "email", None)
    problem = accounts.password_error(field.data or "", (email.data or "") if email else "")
    if problem:
        raise ValidationError(_(problem.message, **problem.params))


class NewPasswordMixin:
    password = PasswordField(_l("New password"), validators=[
        DataRequired(_l("Enter a password.")), _check_password])
    password_again = PasswordField(_l("The same password again"), validators=[
        DataRequired(_l("Enter the password again.")),
        EqualTo("password", _l("The two passwords are not the same."))])


class CreateAccountForm(NewPasswordMixin, StaffForm):
    email = EmailField(_l("Email address"), validators=[
        DataRequired(_l("Enter the email address.")),
        Email(_l("Enter an email address like name@makassarkota.go.id.")),
        Length(max=254, message=TOO_LONG)])
    name = StringField(_l("Name shown to other staff"), validators=[
        Length(max=120, message=TOO_LONG)])
    role = RadioField(_l("Role"), choices=role_choices, validate_choice=False, validators=[
        AnyOf([role.value for role in Role], _l("Choose a role."))])


class RoleForm(StaffForm):
    role = RadioField(_l("Role"), choices=role_choices, validate_choice=False, validators=[
        AnyOf([role.value for role in Role], _l("Choose a role."))])


class PasswordForm(NewPasswordMixin, StaffForm):
    pass


class ConfirmForm(StaffForm):
    """A button that changes something: only the CSRF token."""


class CodeForm(StaffForm):
    """The second step of signing in: the app's 6-digit code, or a recovery code."""

    code = StringField(_l("Code"), validators=[
        DataRequired(_l("Enter the code from your authenticator app.")),
        Length(max=40, message=TOO_LONG)])
    next = HiddenField()


class EnrolForm(StaffForm):
    code = StringField(_l("Code shown in the app"), validators=[
        DataRequired(_l("Enter the code from your authenticator app.")),
        Length(max=10, message=TOO_LONG)])


class ChangePasswordForm(NewPasswordMixin, StaffForm):
    current_password = PasswordField(_l("Current password"), validators=[
        DataRequired(_l("Enter your current password.")),
        Length(max=accounts.MAX_PASSWORD_LENGTH, message=TOO_LONG)])


class ReauthForm(StaffForm):
    """Confirming it is still you: the password, or for two-step accounts a code."""

    password = PasswordField(_l("Password"), validators=[
        Length(max=accounts.MAX_PASSWORD_LENGTH, message=TOO_LONG)])
    code = StringField(_l("Code from your authenticator app"), validators=[
        Length(max=40, message=TOO_LONG)])
    next = HiddenField()
