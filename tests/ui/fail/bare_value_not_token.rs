use cors_runtime::cors_policy;

// A bare method or header name with a character no HTTP token has: the
// whole word is reported, naming the character.
cors_policy! {
    policy Api {
        origins: "https://a.example.com";
        methods: GET, PU@T;
        request-headers: content-type, x?b;
    }
}

fn main() {}
