/// The members of one module found by reflection, each list in declaration order.
struct ModuleMembers {
    var parameters: [(name: String, slot: TensorSlot)] = []
    var buffers: [(name: String, slot: TensorSlot)] = []
    var children: [(name: String, module: Module)] = []
}

extension Module {
    /// This module's own parameters, buffers and children, read from its stored properties.
    ///
    /// Properties of `Module` itself are skipped (its output-gradient holder is no parameter);
    /// a subclass's superclass properties come before its own, as they do in memory.
    func reflectedMembers() -> ModuleMembers {
        var mirrors: [Mirror] = []
        var next: Mirror? = Mirror(reflecting: self)
        while let mirror = next, ObjectIdentifier(mirror.subjectType) != ObjectIdentifier(Module.self) {
            mirrors.append(mirror)
            next = mirror.superclassMirror
        }
        var members = ModuleMembers()
        for mirror in mirrors.reversed() {
            for case let (label?, value) in mirror.children {
                if let slot = value as? TensorSlot {
                    // A wrapped property `weight` is stored as `_weight`.
                    let name = slot.key ?? (label.hasPrefix("_") ? String(label.dropFirst()) : label)
                    if slot.isParameter {
                        members.parameters.append((name, slot))
                    } else {
                        members.buffers.append((name, slot))
                    }
                } else if let module = value as? Module {
                    members.children.append((label, module))
                } else if let modules = value as? [Module] {
                    members.children += modules.enumerated().map { ("\(label).\($0.offset)", $0.element) }
                }
            }
        }
        return members
    }

    /// Every module in the tree with its dotted name and its own tensors, the root first.
    ///
    /// Walking the tree also links every child to its holder, so ``path`` stays right for a
    /// child assigned after its holder was created.
    func walk(_ visit: (_ prefix: String, _ module: Module, _ members: ModuleMembers) -> Void) {
        func descend(_ module: Module, _ prefix: String) {
            visit(prefix, module, module.reflectedMembers())
            for (name, child) in module.children {
                child.link(to: module, as: name)
                descend(child, Module.join(prefix, name))
            }
        }
        descend(self, "")
    }

    static func join(_ prefix: String, _ name: String) -> String {
        prefix.isEmpty ? name : "\(prefix).\(name)"
    }
}
