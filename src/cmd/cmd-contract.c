/* SPDX-License-Identifier: MIT */
#include <fcntl.h>
#include <getopt.h>

#include "cmd.h"
#include "contract.h"
#include "log.h"
#include "strv.h"

static int help(void) {
        printf("Usage: goldctl contract show [--root DIR [--root-contract]] [--contract FILE]\n"
               "\n"
               "Print the effective contract in its own format (goldctl-contract(5)): the\n"
               "built-in one (the seeds' contract, every value) with the host's drop-ins\n"
               "/etc/goldctl/contract.d/*.conf, or FILE with FILE.d/*.conf.\n"
               "\n"
               "Options:\n"
               "  -h --help          show this help\n"
               "     --root=DIR      the contract an audit of the tree DIR uses: the\n"
               "                     built-in one (the tree's own drop-ins are not read)\n"
               "     --root-contract with --root: read DIR/etc/goldctl/contract.d/*.conf\n"
               "     --contract=FILE read FILE over the built-in contract (keys it leaves\n"
               "                     out keep their built-in values), then FILE.d/*.conf\n"
               "\n"
               "Exit status: 0 printed; 2 the contract is not valid, DIR is not a readable\n"
               "directory, or bad usage. See goldctl-contract(1).\n");
        return EXIT_OK;
}

int cmd_contract(int argc, char **argv) {
        enum { ARG_ROOT = 0x100, ARG_CONTRACT, ARG_ROOT_CONTRACT };
        static const struct option options[] = {
                { "help", no_argument, NULL, 'h' },
                { "root", required_argument, NULL, ARG_ROOT },
                { "contract", required_argument, NULL, ARG_CONTRACT },
                { "root-contract", no_argument, NULL, ARG_ROOT_CONTRACT },
                {}
        };
        _cleanup_(contract_freep) struct contract *c = NULL;
        const char *root = NULL, *file = NULL;
        bool root_contract = false;
        _cleanup_free_ char *text = NULL;
        int ch, r;

        if (argc < 2 || streq(argv[1], "--help") || streq(argv[1], "-h")) {
                help();
                return argc < 2 ? EXIT_USAGE : EXIT_OK;
        }
        if (!streq(argv[1], "show"))
                return usage_error("contract ", "unknown verb '%s' (use show)", argv[1]);
        argc--;
        argv++;
        optind = 0;
        opterr = 0;
        while ((ch = getopt_long(argc, argv, "h", options, NULL)) >= 0)
                switch (ch) {
                case 'h':
                        return help();
                case ARG_ROOT:
                        root = optarg;
                        break;
                case ARG_CONTRACT:
                        file = optarg;
                        break;
                case ARG_ROOT_CONTRACT:
                        root_contract = true;
                        break;
                default:
                        return usage_error("contract ", "unknown option or missing value: '%s'", argv[optind - 1]);
                }
        if (optind < argc)
                return usage_error("contract ", "unexpected argument '%s'", argv[optind]);
        if (root_contract && (!root || file))
                return usage_error("contract ", "--root-contract reads the drop-ins of a --root tree, and not with --contract");
        if (root) {
                /* as goldctl audit: a root that is not there must not look like a host without drop-ins */
                _cleanup_close_ int fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
                int err = errno;

                if (fd < 0) {
                        log_error("--root '%s' %s: %s", root, err == EACCES ? "cannot be read" : "is not a directory",
                                  strerror(err));
                        return EXIT_USAGE;
                }
        }

        /* as goldctl audit: a tree's own drop-ins only when the operator trusts it */
        if (root && !file && !root_contract)
                r = cmd_load_builtin_contract(&c);
        else
                r = cmd_load_contract(file ? NULL : root, file, &c);
        if (r < 0) {
                log_error("the contract is not valid");
                return EXIT_USAGE;
        }
        r = contract_format(c, &text);
        if (r < 0)
                return log_error_errno(r, "out of memory"), EXIT_USAGE;
        fputs(text, stdout);
        return EXIT_OK;
}
