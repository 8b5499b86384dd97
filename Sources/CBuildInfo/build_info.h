#ifndef AMOFILES_BUILD_INFO_H
#define AMOFILES_BUILD_INFO_H

/* The git commit a release binary was built from. scripts/build-release.sh passes
   -Xcc -DAMOFILES_COMMIT="abc1234"; a plain `swift build` carries none (NULL). */
static inline const char *amofiles_commit(void) {
#ifdef AMOFILES_COMMIT
    return AMOFILES_COMMIT;
#else
    return 0;
#endif
}

#endif
