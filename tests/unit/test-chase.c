/* SPDX-License-Identifier: MIT */
#include "chase.h"
#include "tap.h"
#include "test-helpers.h"

static char *root;

/* chase_symlinks() in root; returns the result as "r:path" or "r". */
static char *chase(const char *path, unsigned flags) {
        struct strbuf sb = STRBUF_INIT;
        char *res = NULL;
        int r = chase_symlinks(root, path, flags, &res);

        if (r < 0)
                strbuf_addf(&sb, "%d", r);
        else
                strbuf_addf(&sb, "%d:%s", r, res);
        free(res);
        return strbuf_detach(&sb, NULL);
}

#define CHECK_CHASE(path, flags, expected)                       \
        do {                                                     \
                _cleanup_free_ char *_g = chase(path, flags);    \
                CHECK_STREQ(_g, expected);                       \
        } while (0)

static void setup(void) {
        CHECK_INTEQ(th_write(root, "etc/a", "x"), 0);
        CHECK_INTEQ(th_mkdir_p(root, "usr/lib/systemd/system"), 0);
        CHECK_INTEQ(th_write(root, "usr/lib/systemd/system/foo.service", ""), 0);
        CHECK_INTEQ(th_symlink(root, "link-abs", "/etc"), 0);
        CHECK_INTEQ(th_symlink(root, "link-rel", "etc/a"), 0);
        CHECK_INTEQ(th_symlink(root, "usr/dotdot", "../../../../../etc"), 0);
        CHECK_INTEQ(th_symlink(root, "etc/unit.service", "/usr/lib/systemd/system/foo.service"), 0);
        CHECK_INTEQ(th_symlink(root, "masked.service", "/dev/null"), 0);
        CHECK_INTEQ(th_symlink(root, "dangling", "/nowhere/x"), 0);
        CHECK_INTEQ(th_symlink(root, "loop1", "loop2"), 0);
        CHECK_INTEQ(th_symlink(root, "loop2", "loop1"), 0);
        CHECK_INTEQ(th_symlink(root, "self", "self"), 0);
        CHECK_INTEQ(th_symlink(root, "to-escape", "/../../../../etc/a"), 0);
}

TEST(plain) {
        CHECK_CHASE("/etc/a", 0, "1:/etc/a");
        CHECK_CHASE("/etc", 0, "1:/etc");
        CHECK_CHASE("/", 0, "1:/");
        CHECK_CHASE("//etc//./a", 0, "1:/etc/a");
        CHECK_CHASE("/etc/../etc/a", 0, "1:/etc/a");
}

TEST(absolute_links_stay_inside_root) {
        CHECK_CHASE("/link-abs", 0, "1:/etc");
        CHECK_CHASE("/link-abs/a", 0, "1:/etc/a");
        CHECK_CHASE("/etc/unit.service", 0, "1:/usr/lib/systemd/system/foo.service");
        CHECK_CHASE("/to-escape", 0, "1:/etc/a");
}

TEST(relative_links) {
        CHECK_CHASE("/link-rel", 0, "1:/etc/a");
        /* ".." in a link target cannot climb above root */
        CHECK_CHASE("/usr/dotdot/a", 0, "1:/etc/a");
}

TEST(dotdot_cannot_escape) {
        CHECK_CHASE("/../../etc/a", 0, "1:/etc/a");
        CHECK_CHASE("/usr/../../../../etc/a", 0, "1:/etc/a");
        CHECK_CHASE("/..", 0, "1:/");
}

TEST(missing) {
        CHECK_CHASE("/etc/missing", 0, "-2");
        CHECK_CHASE("/nope/deeper", 0, "-2");
        CHECK_CHASE("/dangling", 0, "-2");
        CHECK_CHASE("/masked.service", 0, "-2");
        /* CHASE_NONEXISTENT: the missing tail is appended, result 0 */
        CHECK_CHASE("/etc/missing", CHASE_NONEXISTENT, "0:/etc/missing");
        CHECK_CHASE("/etc/missing/x/y", CHASE_NONEXISTENT, "0:/etc/missing/x/y");
        CHECK_CHASE("/nope", CHASE_NONEXISTENT, "0:/nope");
        CHECK_CHASE("/link-abs/missing", CHASE_NONEXISTENT, "0:/etc/missing");
        CHECK_CHASE("/usr/dotdot/missing", CHASE_NONEXISTENT, "0:/etc/missing");
        CHECK_CHASE("/dangling", CHASE_NONEXISTENT, "0:/nowhere/x");
        /* a mask: /dev/null need not exist under root */
        CHECK_CHASE("/masked.service", CHASE_NONEXISTENT, "0:/dev/null");
        /* an existing result is still 1 */
        CHECK_CHASE("/etc/a", CHASE_NONEXISTENT, "1:/etc/a");
}

TEST(nofollow) {
        CHECK_CHASE("/link-abs", CHASE_NOFOLLOW, "1:/link-abs");
        CHECK_CHASE("/masked.service", CHASE_NOFOLLOW, "1:/masked.service");
        /* only the last component is not followed */
        CHECK_CHASE("/link-abs/a", CHASE_NOFOLLOW, "1:/etc/a");
        CHECK_CHASE("/loop1", CHASE_NOFOLLOW, "1:/loop1");
}

/* errno values of Linux: ENOENT 2, ENOTDIR 20, ENAMETOOLONG 36, ELOOP 40 */
TEST(eloop) {
        CHECK_CHASE("/loop1", 0, "-40");
        CHECK_CHASE("/self", 0, "-40");
        CHECK_CHASE("/loop1/x", CHASE_NONEXISTENT, "-40");
}

/* A chain of n links c0 -> c1 -> ... -> cN (a file). */
static void make_chain(const char *dir, unsigned n) {
        char name[64], target[64];

        CHECK_INTEQ(th_mkdir_p(root, dir), 0);
        for (unsigned i = 0; i < n; i++) {
                snprintf(name, sizeof(name), "%s/c%u", dir, i);
                snprintf(target, sizeof(target), "c%u", i + 1);
                CHECK_INTEQ(th_symlink(root, name, target), 0);
        }
        snprintf(name, sizeof(name), "%s/c%u", dir, n);
        CHECK_INTEQ(th_write(root, name, "end"), 0);
}

TEST(link_limit) {
        /* at most 32 links are followed; one more is a loop */
        make_chain("chain32", 32);
        make_chain("chain33", 33);
        CHECK_CHASE("/chain32/c0", 0, "1:/chain32/c32");
        CHECK_CHASE("/chain33/c0", 0, "-40");
        CHECK_CHASE("/chain33/c1", 0, "1:/chain33/c33");
}

TEST(enotdir) {
        CHECK_CHASE("/etc/a/x", 0, "-20");
        CHECK_CHASE("/link-rel/x", 0, "-20");
}

TEST(name_too_long) {
        char c255[NAME_MAX + 2], c256[NAME_MAX + 3];

        c255[0] = '/';
        memset(c255 + 1, 'n', NAME_MAX);
        c255[NAME_MAX + 1] = '\0';
        c256[0] = '/';
        memset(c256 + 1, 'n', NAME_MAX + 1);
        c256[NAME_MAX + 2] = '\0';
        {
                _cleanup_free_ char *g = chase(c255, 0);
                CHECK_STREQ(g, "-2");
        }
        {
                _cleanup_free_ char *g = chase(c256, 0);
                CHECK_STREQ(g, "-36");
        }
}

TEST(relative_path_refused) {
        char *res = NULL;

        CHECK_INTEQ(chase_symlinks(root, "etc/a", 0, &res), -EINVAL);
        CHECK(res == NULL);
}

TEST(real_root) {
        _cleanup_free_ char *in = th_path(root, "link-rel"), *want = th_path(root, "etc/a");
        char *res = NULL;

        CHECK_INTEQ(chase_symlinks(NULL, in, 0, &res), 1);
        CHECK_STREQ(res, want);
        free(res);
        res = NULL;
        CHECK_INTEQ(chase_symlinks("/", in, 0, &res), 1);
        CHECK_STREQ(res, want);
        free(res);
        res = NULL;
        CHECK_INTEQ(chase_symlinks("", in, 0, &res), 1);
        CHECK_STREQ(res, want);
        free(res);
}

TEST(root_helpers) {
        _cleanup_free_ char *p1 = root_path(root, "/etc/a"), *p2 = root_path(NULL, "/etc/a"), *p3 = root_path("/", "/x"),
                            *want = th_path(root, "etc/a");
        struct stat st;

        CHECK_STREQ(p1, want);
        CHECK_STREQ(p2, "/etc/a");
        CHECK_STREQ(p3, "/x");
        CHECK(root_is_real(NULL));
        CHECK(root_is_real(""));
        CHECK(root_is_real("/"));
        CHECK(!root_is_real(root));

        CHECK_INTEQ(root_lstat(root, "/link-abs", &st), 0);
        CHECK(S_ISLNK(st.st_mode));
        /* root_stat follows links inside root */
        CHECK_INTEQ(root_stat(root, "/link-abs", &st), 0);
        CHECK(S_ISDIR(st.st_mode));
        CHECK_INTEQ(root_stat(root, "/link-rel", &st), 0);
        CHECK(S_ISREG(st.st_mode));
        CHECK_INTEQ(st.st_size, 1);
        CHECK_INTEQ(root_stat(root, "/dangling", &st), -ENOENT);
        CHECK_INTEQ(root_lstat(root, "/nope", &st), -ENOENT);
}

int main(void) {
        root = th_mkdtemp();
        if (!root) {
                printf("Bail out! cannot create a temporary directory\n");
                return 1;
        }
        setup();
        RUN(plain);
        RUN(absolute_links_stay_inside_root);
        RUN(relative_links);
        RUN(dotdot_cannot_escape);
        RUN(missing);
        RUN(nofollow);
        RUN(eloop);
        RUN(link_limit);
        RUN(enotdir);
        RUN(name_too_long);
        RUN(relative_path_refused);
        RUN(real_root);
        RUN(root_helpers);
        CHECK_INTEQ(th_rm_rf(root), 0);
        free(root);
        return tap_done();
}
