"""The engine's version, stored with every result: bump it whenever a rule or table changes,
so stored results computed by an older engine are known to be stale."""

ENGINE_VERSION = "2026.12.01.3"
