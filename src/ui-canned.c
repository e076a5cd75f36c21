/*
 * ui-canned.c: an operator's own canned responses (My account → My canned
 * responses): a shortcut, a category and a text, sent in any brand's chats
 * beside the brand's (console.h).
 */
#include "db.h"
#include "console.h"
#include "ui.h"

static const struct field mine_fields[] = {
	{ "shortcut", "field.shortcut", F_REQUIRED, v_shortcut },
	{ "body", "field.text", F_REQUIRED, v_canned_text },
	{ "category", "brand.category", F_OPTIONAL, v_category },
};

/* the account page's part: Mine.N (0, or -1 when the database failed) */
int
account_canned_page_data(struct req *r)
{
	struct canned_list *l = NULL;
	size_t              n = 0, k = 0;

	if (db_canned_list(&r->pool, 0, r->user->id, &l, &n) != DB_OK)
		return -1;
	for (size_t i = 0; i < n; i++)	/* (no brand's: brand 0 is none) */
		if (l[i].mine)
			l[k++] = l[i];
	TMPL_LIST(r, "Mine", l, k, canned_list);
	return 0;
}

/* one more of the operator's own: DB_OK with *msg, UI_REFUSED with *status */
static int
mine_add(struct req *r, const char **msg, int *status)
{
	const char *v[3];
	enum dbrc   rc;

	form_trim(r);
	if (FORM_READ(r, mine_fields, v))
		return UI_REFUSED;
	v[0] += *v[0] == '/';
	{
		struct canned_new c = { 0, r->user->id, v[0], v[2], v[1], 0 };
		rc = db_canned_insert(&r->pool, &c);
	}
	if (rc == DB_CONFLICT) {
		form_error(r, "shortcut", L(r, "brand.shortcut_taken"));
		*status = 409;
		return UI_REFUSED;
	}
	*msg = LF(r, "brand.canned_added", v[0]);
	return rc;
}

/* POST /account/canned: answered once (ui.h): the account page again, or back to the list */
void
account_canned_post(struct req *r, struct resp *rs)
{
	const char *msg = NULL;
	int         status = 422, st = mine_add(r, &msg, &status);

	if (st == UI_REFUSED)
		account_render(r, rs, status);
	else
		ui_saved(r, rs, st, "canned", msg, "/account#canned");
}

/* POST /account/canned/{id}/delete: only one's own */
void
account_canned_delete_post(struct req *r, struct resp *rs)
{
	ui_saved(r, rs, db_canned_delete(&r->pool, r->ids[0], 0, r->user->id), "canned",
	    L(r, "brand.canned_deleted"), "/account#canned");
}
