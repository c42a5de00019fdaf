import Foundation

/// One export per dialect with a unique canary in every place a secret lives, for the canary
/// suite: `credential` canaries sit in fields the dialect's codec calls secrets and must never
/// leave without `--with-credentials`; `scanned` canaries are secrets written in clear where no
/// codec expects one (a header, an unmarked property) and must leave no `--redact` output.
public enum CanaryFixtures {
  /// One fixture file: its name, text, and the canaries it plants.
  public struct Fixture: Sendable {
    /// The file name it is written under, and the dialect it is in.
    public var file: String
    /// The name the flow loads as.
    public var flow: String
    /// The export's text.
    public var text: String
    /// Canaries in credential fields.
    public var credential: [String]
    /// Canaries only a scan for secret-looking values finds.
    public var scanned: [String]
  }

  /// The connection secret and the secret typed at `connection add`.
  public static let connectionSecrets = ["CNRYwsConn01pw", "CNRYwsConn02tk"]

  /// Every fixture, one per dialect and one native.
  public static let all: [Fixture] = [n8n, nodeRed, make, nifi, ibmEP, native]

  /// Every credential canary of every fixture, with the workspace connection's.
  public static var credentialCanaries: [String] { all.flatMap(\.credential) + connectionSecrets }

  /// Writes every fixture into `folder`, returning their paths by file name.
  @discardableResult
  public static func write(into folder: URL) throws -> [String: String] {
    var paths: [String: String] = [:]
    for fixture in all {
      let url = folder.appendingPathComponent(fixture.file)
      try Data(fixture.text.utf8).write(to: url)
      paths[fixture.file] = url.path
    }
    return paths
  }

  /// The canaries of `list` found in `text`.
  public static func found(_ list: [String], in text: String) -> [String] {
    list.filter { text.contains($0) }
  }

  /// n8n: credential data exported with a workflow (`credentials.<type>.data`, OAuth tokens
  /// beside it, and inside an inline workflow written as JSON in a text, a quote and a line
  /// break in its value), and a bearer token typed into a header parameter.
  public static let n8n = Fixture(
    file: "canary-n8n.json", flow: "Canary n8n",
    text: #"""
      {"name":"Canary n8n","nodes":[
       {"id":"a1","name":"Webhook","type":"n8n-nodes-base.webhook","typeVersion":1,"position":[0,0],"parameters":{"path":"hook"}},
       {"id":"a2","name":"Call API","type":"n8n-nodes-base.httpRequest","typeVersion":4.2,"position":[200,0],
        "parameters":{"url":"https://api.example.com","headerParameters":{"parameters":[{"name":"Authorization","value":"Bearer SCANn8nHeader0001x"}]}},
        "credentials":{"httpHeaderAuth":{"id":"c1","name":"Header auth","data":{"name":"X-API-Key","value":"CNRYn8nData01"}}}},
       {"id":"a3","name":"DB","type":"n8n-nodes-base.postgres","typeVersion":2,"position":[400,0],"parameters":{"query":"select 1"},
        "credentials":{"postgres":{"id":"c2","name":"PG","data":{"host":"db","user":"u","password":"CNRYn8nData02"},"oauthTokenData":{"access_token":"CNRYn8nOAuth01"}}}},
       {"id":"a4","name":"Run inline","type":"n8n-nodes-base.executeWorkflow","typeVersion":1,"position":[600,0],"parameters":{"source":"parameter","workflowJson":"{\"nodes\": [{\"id\": \"i1\", \"name\": \"Inner\", \"type\": \"n8n-nodes-base.httpRequest\", \"credentials\": {\"httpHeaderAuth\": {\"id\": \"c9\", \"name\": \"hdr\", \"data\": {\"name\": \"X-Key\", \"value\": \"CNRYn8nInline01\\\"q\\nline2\"}}}}], \"connections\": {}}"}}
      ],"connections":{"Webhook":{"main":[[{"node":"Call API","type":"main","index":0}]]},"Call API":{"main":[[{"node":"DB","type":"main","index":0}]]}}}
      """#,
    credential: ["CNRYn8nData01", "CNRYn8nData02", "CNRYn8nOAuth01", "CNRYn8nInline01"], scanned: ["SCANn8nHeader0001x"])

  /// Node-RED: `credentials` on a flow node and on a config node, a config node's token in
  /// clear, and an environment variable typed `cred` on the tab.
  public static let nodeRed = Fixture(
    file: "canary-node-red.json", flow: "Canary Node-RED",
    text: #"""
      [{"id":"t1","type":"tab","label":"Canary Node-RED","env":[{"name":"API_KEY","value":"CNRYnrEnv01","type":"cred"},{"name":"REGION","value":"eu","type":"str"}]},
       {"id":"n1","type":"mqtt in","z":"t1","name":"Sensor","topic":"s","broker":"b1","x":100,"y":100,"wires":[["n2"]]},
       {"id":"n2","type":"http request","z":"t1","name":"Post","url":"https://x.example","credentials":{"user":"me","password":"CNRYnrNode01"},"x":300,"y":100,"wires":[["n3"]]},
       {"id":"n3","type":"telegram sender","z":"t1","name":"Tell","bot":"b2","x":500,"y":100,"wires":[]},
       {"id":"b1","type":"mqtt-broker","name":"Broker","broker":"mqtt.example","port":"1883","credentials":{"user":"mq","password":"CNRYnrConfig01"}},
       {"id":"b2","type":"telegram bot","botname":"alerts","token":"CNRYnrConfig02"}]
      """#,
    credential: ["CNRYnrNode01", "CNRYnrConfig01", "CNRYnrConfig02", "CNRYnrEnv01"], scanned: [])

  /// Make: an Authorization header, secret-named parameters and mapper fields, and connection
  /// data in `metadata.restore`.
  public static let make = Fixture(
    file: "canary-make.json", flow: "Canary Make",
    text: #"""
      {"name":"Canary Make","flow":[
       {"id":1,"module":"gateway:CustomWebHook","version":1,"parameters":{"hook":12,"maxResults":1},"mapper":{},"metadata":{"designer":{"x":0,"y":0}}},
       {"id":2,"module":"http:ActionSendData","version":3,"parameters":{"handleErrors":false},"mapper":{"url":"https://api.example.com","method":"post","headers":[{"name":"Authorization","value":"CNRYmkHeader01"},{"name":"Accept","value":"json"}]},"metadata":{"designer":{"x":300,"y":0}}},
       {"id":3,"module":"google-sheets:addRow","version":2,"parameters":{"__IMTCONN__":4242,"apiKey":"CNRYmkParam01"},"mapper":{"password":"CNRYmkMapper01"},"metadata":{"designer":{"x":600,"y":0},"restore":{"parameters":{"__IMTCONN__":{"label":"Sheets (me@example.com)","data":{"scoped":"true","connection":"google","accessToken":"CNRYmkConn01"}}}}}}
      ],"metadata":{"version":1,"instant":false,"scenario":{"roundtrips":1}}}
      """#,
    credential: ["CNRYmkHeader01", "CNRYmkParam01", "CNRYmkMapper01", "CNRYmkConn01"], scanned: [])

  /// NiFi: properties marked sensitive on a processor and a controller service, a sensitive
  /// parameter with its value, and secret-named properties nobody marked.
  public static let nifi = Fixture(
    file: "canary-nifi.json", flow: "Canary NiFi",
    text: #"""
      {"flowContents":{"identifier":"g1","name":"Canary NiFi","processors":[
        {"identifier":"p1","name":"Put S3","type":"org.apache.nifi.processors.aws.s3.PutS3Object","position":{"x":0.0,"y":0.0},
         "properties":{"Bucket":"b","Secret Key":"CNRYnifiProp01","AWS Credentials Provider service":"cs1","Password":"#{db.password}"},
         "propertyDescriptors":{"Secret Key":{"name":"Secret Key","displayName":"Secret Key","identifiesControllerService":false,"sensitive":true},
          "AWS Credentials Provider service":{"name":"AWS Credentials Provider service","identifiesControllerService":true,"sensitive":false}}},
        {"identifier":"p2","name":"Invoke","type":"org.apache.nifi.processors.standard.InvokeHTTP","position":{"x":0.0,"y":200.0},
         "properties":{"Remote URL":"https://x.example","Basic Authentication Password":"CNRYnifiProp02","Secret Access Key":"SCANnifiSak01","Client Secret Value":"SCANnifiCsv01"},
         "propertyDescriptors":{"Basic Authentication Password":{"name":"Basic Authentication Password","sensitive":true}}}],
       "controllerServices":[{"identifier":"cs1","name":"AWS creds","type":"org.apache.nifi.processors.aws.credentials.provider.service.AWSCredentialsProviderControllerService",
         "properties":{"Secret Key":"CNRYnifiService01"},"propertyDescriptors":{"Secret Key":{"name":"Secret Key","sensitive":true}}}],
       "connections":[{"identifier":"c1","source":{"id":"p1","type":"PROCESSOR","groupId":"g1"},"destination":{"id":"p2","type":"PROCESSOR","groupId":"g1"},"selectedRelationships":["success"]}]},
       "parameterContexts":{"ctx":{"name":"ctx","parameters":[{"name":"db.password","sensitive":true,"value":"CNRYnifiParam01"},{"name":"region","sensitive":false,"value":"eu"}]}},
       "flowEncodingVersion":"1.0"}
      """#,
    credential: ["CNRYnifiProp01", "CNRYnifiProp02", "CNRYnifiService01", "CNRYnifiParam01"],
    scanned: ["SCANnifiSak01", "SCANnifiCsv01"])

  /// IBM Event Processing: SASL passwords under `credentials`, and passwords inside
  /// `sasl.jaas.config` option strings (a property, and a SQL statement).
  public static let ibmEP = Fixture(
    file: "canary-ep.json", flow: "Canary EP",
    text: #"""
      {"pipelineState":{"doc_type":"pipeline","version":"3.0","id":"p","primary_pipeline":"pp","pipelines":[{"id":"pp","nodes":[
        {"id":"s1","type":"execution_node","app_data":{"node_type":"source","ui_data":{"label":"Orders"}},"inputs":[],"outputs":[{"id":"outPort"}]}]}]},
       "contextState":{"nodes":[
         {"viewName":"Orders","nodeId":"s1","nodeType":"source","configuration":{"topic":"orders","fields":[],
           "credentials":{"type":"SASL","data":{"username":"u1","password":"CNRYepSasl01","mechanism":"PLAIN"}},
           "properties":{"sasl.jaas.config":"org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u1\" password=\"CNRYepJaas01\";"}}},
         {"viewName":"Filter","nodeId":"f1","nodeType":"sqlProcessor","configuration":{"statement":"CREATE TABLE t (a INT) WITH ('connector'='kafka', 'properties.sasl.jaas.config'='org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u2\" password=\"CNRYepJaas02\";');"}},
         {"viewName":"Sink","nodeId":"k1","nodeType":"sqlSink","configuration":{"statement":"INSERT INTO x SELECT * FROM t",
           "credentials":{"type":"SASL","data":{"username":"u3","password":"CNRYepSasl02","mechanism":"PLAIN"}}}}],
        "edges":[{"incoming":"s1","outgoing":"f1"},{"incoming":"f1","outgoing":"k1"}]},
       "flowDetails":{"flowName":"Canary EP","flowDescription":"d","flowVersion":1}}
      """#,
    credential: ["CNRYepSasl01", "CNRYepJaas01", "CNRYepJaas02", "CNRYepSasl02"], scanned: [])

  /// FlowPort's own JSON: connection credentials (as `--with-credentials` writes them), a secret
  /// environment variable, secret connector options; exportable as a bundle and as Flink SQL.
  public static let native = Fixture(
    file: "canary-native.json", flow: "canary-native",
    text: #"""
      {"format":"flowport/1","flow":{"name":"canary-native","mode":"async"},"version":{"number":1},
       "nodes":[
        {"id":"s","name":"In","type":"source.kafka","connection":"kafka-c","config":{"topic":"in","schema":[{"name":"a","type":"STRING"}],
          "options":{"properties.sasl.jaas.config":"org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"CNRYnatJaas01\";","properties.ssl.truststore.password":"CNRYnatOpt01"}}},
        {"id":"f","name":"Only a","type":"filter","config":{"condition":"a <> ''"}},
        {"id":"d","name":"Out","type":"destination.kafka","connection":"kafka-c","config":{"topic":"out","schema":[{"name":"a","type":"STRING"}]}}],
       "edges":[{"from":"s","to":"f"},{"from":"f","to":"d"}],
       "connections":[{"key":"kafka-c","type":"kafka","name":"kafka-c","properties":{"bootstrapServers":"k:9092"},"credentials":{"password":"CNRYnatCred01"}}],
       "dependencies":{"environment":[{"name":"REGION","value":"eu","secret":false},{"name":"API_TOKEN","value":"CNRYnatEnv01","secret":true}]}}
      """#,
    credential: ["CNRYnatJaas01", "CNRYnatOpt01", "CNRYnatCred01", "CNRYnatEnv01"], scanned: [])
}
