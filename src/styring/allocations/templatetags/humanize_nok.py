from django import template

register = template.Library()


@register.filter
def nok(value) -> str:
    """Whole kroner with a space between thousands: 6 790 610 000."""
    try:
        return f"{int(value):,}".replace(",", "\u00a0")
    except (TypeError, ValueError):
        return ""
