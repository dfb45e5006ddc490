"""The "Draw editors" group: exactly what staff need to keep the draws current in the admin.

They see occupations; add and edit category versions and their IRCC round names; add, edit and
publish draws; see the feed's syncs and the round names it could not map; follow evaluation runs
and retry failed ones. They do not delete draws or categories, and see no profile, result or
user: those stay with superusers. The README documents the group.
"""

from django.db import migrations

GROUP = "Draw editors"

# (app label, model, verbose name, actions)
PERMISSIONS = [
    ("draws", "occupation", "occupation", ["view"]),
    ("draws", "category", "category", ["view", "add", "change"]),
    ("draws", "categorydrawname", "category draw name", ["view", "add", "change", "delete"]),
    ("draws", "draw", "draw", ["view", "add", "change", "publish"]),
    ("draws", "feedsync", "feed sync", ["view"]),
    ("draws", "unknownroundname", "unknown round name", ["view"]),
    ("eligibility", "evaluationrun", "evaluation run", ["view", "retry"]),
]
# The models' own permissions (Meta.permissions), with the names Django gives them.
NAMES = {
    "publish": "Can publish a draw and start its re-evaluation",
    "retry": "Can retry a failed evaluation run",
}


def create_group(apps, schema_editor):
    # On a fresh database Django creates permissions only after every migration has run, so
    # this one makes the ones it needs (the same codenames: no duplicates appear later).
    alias = schema_editor.connection.alias
    content_types = apps.get_model("contenttypes", "ContentType").objects.using(alias)
    permissions = apps.get_model("auth", "Permission").objects.using(alias)
    group, _ = apps.get_model("auth", "Group").objects.using(alias).get_or_create(name=GROUP)
    granted = []
    for app_label, model, verbose_name, actions in PERMISSIONS:
        content_type, _ = content_types.get_or_create(app_label=app_label, model=model)
        for action in actions:
            permission, _ = permissions.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model}",
                defaults={"name": NAMES.get(action, f"Can {action} {verbose_name}")},
            )
            granted.append(permission)
    group.permissions.set(granted)


def delete_group(apps, schema_editor):
    alias = schema_editor.connection.alias
    apps.get_model("auth", "Group").objects.using(alias).filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("draws", "0007_draw_publish_permission"),
    ]

    operations = [migrations.RunPython(create_group, delete_group)]
