/* SPDX-License-Identifier: MIT */
#pragma once

#include "diag.h"
#include "hashmap.h"
#include "unit.h"

/*
 * Finding and loading units as systemd 252's manager does, offline
 * (spec/systemd-syntax.md section 13 and 14):
 *
 *  - the search path: the system unit path of Debian's systemd 252 under
 *    --root, or directories given explicitly; the first file of a name wins;
 *  - symlinks inside the search path are aliases (validated as systemd
 *    does), symlinks out of it are linked unit files, a symlink to /dev/null
 *    or an empty file masks;
 *  - templates serve instances that have no file of their own;
 *  - drop-ins from <name>.d/, the template's directory, every dash-truncated
 *    prefix directory and the type-level <type>.d/, for the name and every
 *    alias, deduplicated by file name (first directory wins) and applied in
 *    byte order of file name; .wants/ and .requires/ symlinks;
 *  - dependencies resolved to the units they name (aliases to their unit),
 *    units named by dependencies loaded in turn, starting from the units
 *    asked for and from default.target (as a booted manager has loaded
 *    it), and each dependency's inverse recorded on the other unit, as the
 *    manager shows them.
 *
 * What goldctl does not add: the manager's implicit dependencies
 * (DefaultDependencies=, slices, mount points, journald sockets).
 *
 * Limits (each refused with a diagnostic): a unit file or drop-in larger than
 * UNIT_FILE_SIZE_MAX, more than UNIT_DROPIN_MAX drop-ins for one unit, more
 * than UNIT_LOADER_UNITS_MAX units in one run.
 */

#define UNIT_FILE_SIZE_MAX ((size_t) 16 * 1024 * 1024)
#define UNIT_DROPIN_MAX 4096
#define UNIT_LOADER_UNITS_MAX 1000000

struct unit_loader {
        char *root;                     /* NULL: the real root */
        char **search_path;             /* as on the host, highest priority first */
        char **expanded_search_path;    /* the same plus their resolved forms */
        bool lint;                      /* goldctl's own remarks too */
        bool name_map_built;

        struct hashmap ids;             /* name -> destination: an absolute host path, or an alias target name */
        struct hashmap aliases;         /* unit name -> struct name_list of its alias names */
        struct hashmap path_cache;      /* every entry of the search directories (host paths) */
        struct hashmap dir_cache;       /* a drop-in or .wants/ directory (host path) -> its resolved
                                         * path (the same directory serves thousands of units) */
        struct hashmap units;           /* every name of every unit -> struct unit */

        struct unit **all;              /* every unit, in load order */
        size_t n_all, alloc_all;

        struct string_pool {
                char **v;
                size_t n, alloc;
        } pool;                         /* strings the maps point to */
        struct name_list_pool {
                struct name_list {
                        char **v;
                        size_t n, alloc;
                } **v;
                size_t n, alloc;
        } lists;

        struct diag_list diags;         /* about the search path itself (bad alias symlinks, ...) */
};

/* The system unit search path of systemd 252 on Debian 12 (systemd-analyze unit-paths). */
extern const char *const unit_search_path_system[];

/*
 * Sets up a loader. search_path NULL means the system path; root NULL means
 * the real root (search_path entries are then read as given).
 */
int unit_loader_init(struct unit_loader *l, const char *root, char * const *search_path);
void unit_loader_release(struct unit_loader *l);

/*
 * Loads the unit of that name (with its drop-ins), or returns the already
 * loaded one. A name that is not a valid unit name gives -EINVAL; anything
 * else gives a unit whose load_state says what systemd would say.
 */
int unit_loader_load(struct unit_loader *l, const char *name, struct unit **ret);

/*
 * Loads every unit the loaded units name (as the manager does), resolves
 * dependency names to unit ids and records the inverse dependencies.
 * Call once, after the unit_loader_load() calls.
 */
int unit_loader_finish(struct unit_loader *l);

/* The unit for a name (any of its names), or NULL. */
struct unit *unit_loader_get(const struct unit_loader *l, const char *name);

/*
 * Every unit file name on the search path (names with a file or an alias
 * symlink; templates included), sorted. The array and strings belong to the
 * caller.
 */
int unit_loader_list_names(struct unit_loader *l, char ***ret);
