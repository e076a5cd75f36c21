/*
 * ui-channel.h: what the WeChat account pages share: the list
 * (ui-channels.c), the setup wizard (ui-wizard.c), the account page with
 * its preferences (ui-channel.c), and the fields, checks and settings
 * summary they have in common (ui-channel-form.c).
 */
#ifndef WXDESK_UI_CHANNEL_H
#define WXDESK_UI_CHANNEL_H

#include "db.h"
#include "ui.h"
#include "channel.h"

#define STEPS 6	/* the wizard's */

/* the account details (step 3 and the account page): the first four, then
 * the Token and the AES key (the wizard's step 3, or each on its own) */
enum { DF_ORIGINAL_ID, DF_APP_ID, DF_APP_SECRET, DF_MODE, DF_TOKEN, DF_AES_KEY, DF__N };
extern const struct field detail_fields[DF__N];

const char *webhook_url(struct req *r, const struct channel_get *c);
/* a stored secret (column col) decrypted, or NULL */
const char *plain(struct req *r, const char *enc);
/* Loads channel r->ids[0]; 0, or -1 after answering 404 / 503. */
int  load(struct req *r, struct resp *rs, struct channel_get *c);
void set_modes(struct req *r, const char *current);
void set_departments(struct req *r, long long brand, long long current);
void keep_or_saved(struct req *r, const char *name, const char *saved);
void set_channel(struct req *r, const struct channel_get *c);
int  save_details(struct req *r, const struct channel_get *c, int with_secrets);
/* the wizard (ui-wizard.c): its page at step, and a redirect to a step */
void wizard_page(struct req *r, struct resp *rs, const struct channel_get *c, int step, int status);
void go_step(struct req *r, struct resp *rs, long long id, int step);

#endif
