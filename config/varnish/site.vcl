vcl 4.1;
# Varnish in front of the site (Debian's varnish 7). It caches what the site says it may
# (`Cache-Control: public, s-maxage=...` on pages for anonymous readers), keys pages the way the
# site's own page cache does (only `?page=` kept, so tracking parameters and random query
# strings cannot bust it), and forgets a page when the site sends PURGE for its address, which
# it does after every change that page shows (pagecache/cdn.py). bin/prod-local starts it with
# the backend's port and the purgers' addresses filled in.

backend site {
    .host = "127.0.0.1";
    .port = "8000";
}

# Only the app servers may purge.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        # Every copy of the address, whatever its query string (`?page=2` too).
        ban("obj.http.x-path == " + regsub(req.url, "\?.*$", ""));
        return (synth(200, "Purged"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Never shared: the admin, the API, comment actions, documents, searches, and anyone
    # signed in.
    if (req.url ~ "^/(admin|api|comments|documents)/" || req.url ~ "[?&]q=") {
        return (pass);
    }
    if (req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }
    unset req.http.Cookie;
    # Keep only the page number and the comments' order, as the site's own cache key does
    # (the last of each, as Django reads it).
    if (req.url ~ "[?&]page=[0-9]+(&|$)") {
        set req.http.x-keep-page = regsub(req.url, "^[^?]*\?(.*&)?(page=[0-9]+)(&.*)?$", "\2");
    }
    if (req.url ~ "[?&]sort=(oldest|replies)(&|$)") {
        set req.http.x-keep-sort = regsub(
            req.url, "^[^?]*\?(.*&)?(sort=(oldest|replies))(&.*)?$", "\2");
    }
    set req.url = regsub(req.url, "\?.*$", "");
    if (req.http.x-keep-page && req.http.x-keep-sort) {
        set req.url = req.url + "?" + req.http.x-keep-page + "&" + req.http.x-keep-sort;
    } elsif (req.http.x-keep-page) {
        set req.url = req.url + "?" + req.http.x-keep-page;
    } elsif (req.http.x-keep-sort) {
        set req.url = req.url + "?" + req.http.x-keep-sort;
    }
    unset req.http.x-keep-page;
    unset req.http.x-keep-sort;
    return (hash);
}

sub vcl_backend_response {
    # Remembered on the object, for PURGE's ban to match without regular expressions.
    set beresp.http.x-path = regsub(bereq.url, "\?.*$", "");
    # A response that sets a cookie is someone's own: never shared (Varnish's own rules then
    # make it a pass, as for `private` and `no-store`).
    if (beresp.http.Set-Cookie) {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
}

sub vcl_deliver {
    unset resp.http.x-path;
    if (obj.hits > 0) {
        set resp.http.X-Varnish-Cache = "hit";
    } else {
        set resp.http.X-Varnish-Cache = "miss";
    }
}
