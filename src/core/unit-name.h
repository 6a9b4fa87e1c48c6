/* SPDX-License-Identifier: MIT */
#pragma once

#include "macro.h"

/*
 * Unit names as systemd defines them (systemd.unit(5)): "prefix.type",
 * templates "prefix@.type", instances "prefix@instance.type"; ASCII letters,
 * digits and ":-_.\" (plus '@' in instances), at most 255 bytes.
 */

#define UNIT_NAME_MAX 256

enum unit_type {
        UNIT_SERVICE,
        UNIT_MOUNT,
        UNIT_SWAP,
        UNIT_SOCKET,
        UNIT_TARGET,
        UNIT_DEVICE,
        UNIT_AUTOMOUNT,
        UNIT_TIMER,
        UNIT_PATH,
        UNIT_SLICE,
        UNIT_SCOPE,
        _UNIT_TYPE_MAX,
        _UNIT_TYPE_INVALID = -EINVAL,
};

enum unit_name_flags {
        UNIT_NAME_PLAIN = 1 << 0,
        UNIT_NAME_TEMPLATE = 1 << 1,
        UNIT_NAME_INSTANCE = 1 << 2,
        UNIT_NAME_ANY = UNIT_NAME_PLAIN | UNIT_NAME_TEMPLATE | UNIT_NAME_INSTANCE,
};

const char *unit_type_to_string(enum unit_type t);
enum unit_type unit_type_from_string(const char *s);

bool unit_name_is_valid(const char *n, unsigned flags);
bool unit_prefix_is_valid(const char *p);
bool unit_instance_is_valid(const char *i);
enum unit_type unit_name_to_type(const char *n);
/* PLAIN, TEMPLATE or INSTANCE (with the instance in *ret_instance, owned by
 * the caller, NULL for plain names), or -EINVAL. */
int unit_name_to_instance(const char *n, char **ret_instance);
/* "foo" of foo@bar.service or foo.service. */
int unit_name_to_prefix(const char *n, char **ret);
/* "foo@bar" of foo@bar.service. */
int unit_name_to_prefix_and_instance(const char *n, char **ret);
/* foo@.service of foo@bar.service. */
int unit_name_template(const char *n, char **ret);
/* Replaces (or fills) the instance of an instance or template name. */
int unit_name_replace_instance(const char *n, const char *instance, char **ret);
int unit_name_build_from_type(const char *prefix, const char *instance, enum unit_type t, char **ret);
/* "-" -> "/", "\xHH" -> byte. */
int unit_name_unescape(const char *f, char **ret);
/* The path a prefix or instance stands for ("foo-bar" -> "/foo/bar"). */
int unit_name_path_unescape(const char *f, char **ret);
/* The path of a unit name's prefix (as %f without an instance). */
int unit_name_to_path(const char *n, char **ret);
/* "/foo/bar" -> "foo-bar" ("-" for "/"), escaping as systemd-escape --path. */
int unit_name_path_escape(const char *path, char **ret);
/* The unit name for a path with the given ".type" suffix. */
int unit_name_from_path(const char *path, const char *suffix, char **ret);
