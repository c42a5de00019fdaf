import FlowModel
import FlowStore

extension Session {
  /// Offers (or, with `asking` false, performs) the restore of the newest session a shell left
  /// in `folder` with pending work. A declined one stays on disk for `fps --restore`; a restored
  /// one is kept by this session from then on (a script's too, so nothing is lost if it stops
  /// before its commit).
  public func restoreAbandoned(keptIn folder: String, asking: Bool) {
    if keeper == nil { keeper = SessionKeeper(folder: folder) }
    guard let keeper, let (record, file) = keeper.abandoned(includingDeclined: !asking) else {
      if !asking { output.warning("there is no session to restore") }
      return
    }
    if asking {
      output.line("a session left \(record.savedAt) has \(record.workSummary)")
      guard interaction.confirm("restore it?") else {
        keeper.decline(file)
        return output.line("not restored; `fps --restore` brings it back later")
      }
    }
    restore(record)
    keeper.discard(file)
  }

  /// Brings back a session that was kept on disk: opens its workspaces, reads its exports and
  /// imports again from their files, re-applies renames and bindings, and says what it did. A
  /// file that changed since is read as it is now and reported, with the bindings whose
  /// references it still has; what cannot come back (a file gone) is reported with its bindings,
  /// so nothing is lost without a word.
  public func restore(_ record: SessionRecord) {
    variables.merge(record.variables) { _, saved in saved }
    for saved in record.workspaces where workspaces[saved.name] == nil {
      do {
        try register(try WorkspaceStores.open(saved.location, readOnly: saved.readOnly, key: workspaceKey()), as: saved.name)
      } catch {
        output.warning("workspace \(saved.name) (\(saved.location)) could not be opened again: \(error)")
      }
    }
    for saved in record.exports where exports[saved.name] == nil {
      guard let file = reread(saved.path, renames: saved.renames, stamp: saved.stamp, name: saved.name) else { continue }
      exports[saved.name] = LoadedExport(
        name: saved.name, path: file.path, format: file.format, version: file.version, notes: file.notes, renames: file.renames,
        stamp: file.stamp)
    }
    var restored: [PendingImport] = []
    for saved in record.imports where !imports.contains(where: { $0.name == saved.name }) {
      guard workspaces[saved.workspace] != nil else {
        lost(saved, because: "its workspace \(saved.workspace) is not open")
        continue
      }
      var pending: PendingImport
      if let parent = saved.parentImport {
        guard let carrier = restored.first(where: { $0.name == parent }),
          let subflow = Load.subflowImports(of: carrier, existing: []).first(where: { $0.name == saved.name })
        else {
          lost(saved, because: "the import \(parent) that carried it did not come back")
          continue
        }
        pending = subflow
      } else {
        guard let file = reread(saved.path, renames: saved.renames, stamp: saved.stamp, name: saved.name) else {
          lost(saved, because: "\(saved.path) could not be read")
          continue
        }
        pending = PendingImport(
          name: saved.name, path: file.path, format: file.format, workspace: saved.workspace,
          mode: saved.newFlow ? .newFlow(saved.flow) : .newVersion(of: saved.flow), staged: file.staged, notes: file.notes,
          renames: file.renames, stamp: file.stamp)
      }
      let keys = Set(pending.outline.connections.map(\.key))
      pending.bindings = saved.bindings.filter { keys.contains($0.key) }
      pending.unbound = Set(saved.unbound ?? []).intersection(keys)
      for (key, binding) in saved.bindings where !keys.contains(key) {
        output.warning("\(saved.name): \(key) -> \(binding.connection) was not kept: the export no longer has \(key)")
      }
      restored.append(pending)
    }
    imports += restored
    var restoredChanges = 0
    for saved in record.changes ?? [] {
      guard let open = workspaces[saved.workspace], let change = change(from: saved) else {
        output.warning("the staged change '\(saved.kind) \(saved.subject)' was not restored: its workspace \(saved.workspace) is not open")
        continue
      }
      changes[open.name, default: []].append(change)
      restoredChanges += 1
      if let secrets = saved.secretNames, !secrets.isEmpty {
        output.warning(
          "\(saved.kind) \(saved.subject) was restored without its secret values (never kept on disk): give them again with `connection set \(Tokenizer.word(saved.subject)) --secret \(Tokenizer.word(secrets[0]))`"
        )
      }
    }
    reapplyEnvironments(record.environments ?? [:], to: restored)
    if let target = record.target, workspaces[target] != nil { targetName = target }
    keep()
    let bindings = restored.reduce(0) { $0 + $1.bindings.count }
    output.line(
      "restored \(Describe.count(restored.count, "pending import")) with \(Describe.count(bindings, "binding")), "
        + "\(Describe.count(restoredChanges, "staged change")), \(Describe.count(exports.count, "loaded export")) "
        + "and \(Describe.count(workspaces.count, "workspace"))")
  }

  /// Reads each workspace's environment file again and applies it, with the values and bindings
  /// the workspace keeps, to the restored imports: values are not in an import's record, and a
  /// restored import without them would commit the test values.
  private func reapplyEnvironments(_ files: [String: String], to restored: [PendingImport]) {
    for (workspace, path) in files.sorted(by: { $0.key < $1.key }) where workspaces[workspace] != nil && environments[workspace] == nil {
      do { environments[workspace] = try readEnvironment(at: path) } catch {
        output.warning("the environment file of \(workspace) was not read again: \(error)")
      }
    }
    let names = Set(restored.map(\.name))
    for workspace in Set(restored.map(\.workspace)).sorted() {
      do { try applyEnvironment(to: workspace, only: names) } catch {
        output.warning("the environment of \(workspace) was not applied again: \(error)")
      }
    }
  }

  /// A staged change from its record. Secret values were never kept: each secret it named
  /// holds `SecretsToGive.notKept` until `connection set … --secret` gives it again, and the
  /// commit is blocked until then (`SecretsToGive`).
  private func change(from saved: SessionRecord.Change) -> WorkspaceChange? {
    var properties: JSONObject = [:]
    if let text = saved.properties {
      do { properties = try JSONParser.parse(text).objectValue ?? [:] } catch {
        output.warning("\(saved.kind) \(saved.subject): its kept properties do not read (\(error)); restored without them")
      }
    }
    let secrets = Dictionary(uniqueKeysWithValues: (saved.secretNames ?? []).map { ($0, SecretsToGive.notKept) })
    switch saved.kind {
    case "add connection":
      return .addConnection(Connection(name: saved.subject, type: saved.type ?? "", properties: properties), secrets: secrets)
    case "set connection": return .setConnection(name: saved.subject, properties: properties, secrets: secrets)
    case "remove connection": return .removeConnection(saved.subject)
    case "set member": return saved.role.flatMap(Role.init).map { .setMember(Member(user: saved.subject, role: $0)) }
    case "remove member": return .removeMember(saved.subject)
    case "remove flow": return .removeFlow(saved.subject)
    case "forget binding": return .forgetBinding(type: saved.type ?? "", key: saved.subject)
    default: return nil
    }
  }

  /// An export file read again as it was kept, renames applied; nil (with a warning) when it
  /// cannot be read. A file that changed since is read as it is now, and said so.
  private func reread(_ path: String, renames: [NodeRename], stamp: FileStamp?, name: String) -> ReadExport? {
    // Opening a pipe again would wait for a writer long gone (`load <(git show …)`).
    if Self.isPipeOrDevice(path) {
      output.warning("\(name): \(path) is a pipe, read once when it was loaded; it cannot be read again")
      return nil
    }
    do {
      var file = try readExport(at: path, scanningSecrets: true)
      if stamp != nil, file.stamp != stamp {
        output.warning("\(name): \(path) changed since it was loaded; it was read again as it is now")
      }
      try file.rename(renames)
      return file
    } catch {
      output.warning("\(name): \(error)")
      return nil
    }
  }

  /// Reports an import that could not come back, with its bindings, so none is lost unseen.
  private func lost(_ saved: SessionRecord.Import, because reason: String) {
    let bindings = saved.bindings.sorted { $0.key < $1.key }.map { "\($0.key) -> \($0.value.connection)" }
    let list = bindings.isEmpty ? "" : "; its bindings were: \(bindings.joined(separator: ", "))"
    output.warning("\(saved.name) was not restored: \(reason)\(list)")
  }
}
