/* ok.c: the FastCGI floor for benchmarks: answers "ok" and nothing else. */
#include <fcgiapp.h>

int
main(void)
{
	FCGX_Request r;

	FCGX_Init();
	FCGX_InitRequest(&r, 0, 0);
	while (FCGX_Accept_r(&r) >= 0) {
		FCGX_PutS("Status: 200 OK\r\nContent-Type: text/plain\r\n"
		    "Content-Length: 2\r\n\r\nok", r.out);
		FCGX_Finish_r(&r);
	}
	return 0;
}
