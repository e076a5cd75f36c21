/*
 * help.h: the guides read in the browser (/help/<guide>, docs/<lang>/, the
 * reader's language) and each page's Help link to the part of a guide
 * about it (Page.Help, set for every page by tmpl_render).
 */
#ifndef WXDESK_HELP_H
#define WXDESK_HELP_H

#include "wxdesk.h"

/* "/help/<guide>#<part>" for the page at path */
const char *help_link(struct pool *p, const char *path);
/* 1 when guide is one of docs/: operator, admin, operations, contributing, capacity */
int help_guide_known(const char *guide);
/* GET /help/<guide> */
void help_get(struct req *r, struct resp *rs);

#endif
