"""Who may read and write through the API.

Reads are open unless ``API_ANONYMOUS_READS`` is off; writes need an authenticated user
holding the model permission that the view names (``write_permission``), e.g.
``tracker.record_summit_change``. A method the view does not
implement is let through so that it answers 405, not 401.
"""

from django.conf import settings
from rest_framework.permissions import SAFE_METHODS, BasePermission


class ReadOpenWriteByModelPermission(BasePermission):
    def has_permission(self, request, view) -> bool:
        if not hasattr(view, request.method.lower()):
            # A method the view does not offer (PUT on an event...) answers 405 for everyone.
            return True
        if request.method in SAFE_METHODS:
            return bool(settings.API_ANONYMOUS_READS or (request.user and request.user.is_authenticated))
        user = request.user
        if not (user and user.is_authenticated):
            return False
        required = getattr(view, "write_permission", None)
        if required is None:
            return bool(user.is_superuser)
        return user.has_perm(required)
