"""gunicorn settings for every deployment of this site, read by `gunicorn config.wsgi` from the
project folder (gunicorn reads ./gunicorn.conf.py by default; bin/prod-local names it too).

Command-line options still win (workers, bind, --access-logfile), so this file holds only what
must hold everywhere: access and error logs never write a query string or a token (see
core/access_log.py), and the access line leaves out the client's address, so the logs keep no
raw IP. Any access log format an operator picks is made private the same way.
"""

logger_class = "core.access_log.PrivateLogger"
access_log_format = '%(t)s "%(r)s" %(s)s %(b)s %(M)sms'
