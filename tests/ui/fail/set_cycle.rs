use cors_runtime::cors_policy;

cors_policy! {
    set Web = "https://app.example.com", Everything;
    set Everything = Web, "https://admin.example.com";

    policy Api {
        origins: Web;
    }
}

fn main() {}
