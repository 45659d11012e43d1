"""Request cases run by both engines (gen_testfw_expected.py, test_test_client)."""


def request_cases(factory):
    """Build requests with a RequestFactory; return what each one carries.

    The same function runs on both engines (test_test_client imports it).
    """
    import io

    def named(content, name):
        f = io.BytesIO(content)
        f.name = name
        return f

    cases = {
        "get_data_overrides_url_query": lambda: factory.get("/a/b/?x=1",
                                                            {"y": ["1", "2"]}),
        "get_url_query": lambda: factory.get("/a/?x=1&x=2&z="),
        "get_query_params": lambda: factory.get("/a/", query_params={"q": "a b"}),
        "post_form": lambda: factory.post("/p/", {"a": "1", "b": ["x", "y"]}),
        "post_file": lambda: factory.post("/p/", {"f": named(b"data", "d.txt")}),
        "post_json": lambda: factory.post("/p/", {"k": [1, None]},
                                          content_type="application/json"),
        "post_query_params": lambda: factory.post("/p/", {"a": "1"},
                                                  query_params={"page": 2}),
        "put_text": lambda: factory.put("/p/", "x=1",
                                        content_type="text/plain; charset=utf-8"),
        "patch_json_list": lambda: factory.patch("/p/", [1, 2],
                                                 content_type="application/json"),
        "delete_empty": lambda: factory.delete("/p/"),
        "options": lambda: factory.options("/p/", "hello"),
        "head": lambda: factory.head("/h/", {"a": 1}),
        "trace": lambda: factory.trace("/t/"),
        "headers": lambda: factory.get("/h/", headers={"Accept": "text/html",
                                                       "X-Custom-Thing": "v",
                                                       "Content-Type": "a/b"}),
        "http_kwargs": lambda: factory.get("/h/", HTTP_X_Y="z",
                                           HTTP_HOST="example.com"),
        "secure": lambda: factory.get("/s/", secure=True),
        "generic": lambda: factory.generic("REPORT", "/r/", b"<a/>", "text/xml"),
        "percent_path": lambda: factory.get("/caf%C3%A9/"),
        "unicode_path": lambda: factory.get("/caf\u00e9/"),
    }
    out = {}
    for name, make in cases.items():
        request = make()
        meta = request.META
        out[name] = {
            "method": request.method,
            "path": request.path,
            "path_info": request.path_info,
            "query_string": meta.get("QUERY_STRING"),
            "GET": {k: request.GET.getlist(k) for k in sorted(request.GET)},
            "body": request.body.decode("latin-1"),
            "content_type": meta.get("CONTENT_TYPE"),
            "content_length": meta.get("CONTENT_LENGTH"),
            "http": {k: meta[k] for k in sorted(meta) if k.startswith("HTTP_")},
            "scheme": request.scheme,
            "port": meta.get("SERVER_PORT"),
            "secure": request.is_secure(),
            "host": request.get_host() if name != "http_kwargs" else meta["HTTP_HOST"],
        }
    return out
