from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def portal_url(context, host: str | None, path: str = "/") -> str:
    """Absolute URL of another locality's portal, keeping this request's scheme and port."""
    if not host:
        return ""
    request = context.get("request")
    scheme = request.scheme if request else "http"
    port = request.get_port() if request else ""
    default_port = {"http": "80", "https": "443"}.get(scheme)
    suffix = f":{port}" if port and port != default_port else ""
    return f"{scheme}://{host}{suffix}{path}"
