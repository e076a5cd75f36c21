/* sim.h: the WeChat simulator's handlers (sim-api.c: the API; sim-phone.c: the phone page). */
#ifndef WXDESK_SIM_H
#define WXDESK_SIM_H

#include "../src/wxdesk.h"

void sim_token_get(struct req *, struct resp *);
void sim_stable_token_post(struct req *, struct resp *);
void sim_custom_send_post(struct req *, struct resp *);
void sim_typing_post(struct req *, struct resp *);
void sim_media_upload_post(struct req *, struct resp *);
void sim_media_get(struct req *, struct resp *);
void sim_video_get(struct req *, struct resp *);
void sim_user_info_get(struct req *, struct resp *);
void sim_user_remark_post(struct req *, struct resp *);
void sim_callback_ip_get(struct req *, struct resp *);
void sim_qrcode_post(struct req *, struct resp *);
void sim_accounts_post(struct req *, struct resp *);
void sim_faults_post(struct req *, struct resp *);
void sim_received_get(struct req *, struct resp *);
void sim_phone_get(struct req *, struct resp *);
void sim_phone_post(struct req *, struct resp *);

const char *sim_media_store(struct req *r, const char *appid, const char *type,
	const char *filename, const void *data, size_t n, long *err);

#endif
