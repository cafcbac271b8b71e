"""Check every cited link and decide, honestly, whether its source is still there."""

from citecheck.check._resolver import Resolver, StaticResolver, SystemResolver

__all__ = ["Resolver", "StaticResolver", "SystemResolver"]
