"""Who may read and write through the API.

Reads are open unless ``API_ANONYMOUS_READS`` is off; writes need an authenticated user
holding the model permission that the view names (``write_permission``), e.g.
``tracker.change_summit``.
"""

from django.conf import settings
from rest_framework.permissions import SAFE_METHODS, BasePermission


class ReadOpenWriteByModelPermission(BasePermission):
    def has_permission(self, request, view) -> bool:
        if request.method in SAFE_METHODS:
            return bool(settings.API_ANONYMOUS_READS or (request.user and request.user.is_authenticated))
        user = request.user
        if not (user and user.is_authenticated):
            return False
        required = getattr(view, "write_permission", None)
        if required is None:
            return bool(user.is_superuser)
        return user.has_perm(required)
