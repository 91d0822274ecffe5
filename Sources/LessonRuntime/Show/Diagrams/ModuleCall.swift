/// One module call of a forward pass and the calls nested in it, with the shapes in and out:
/// what a diagram draws.
///
/// It is rebuilt from a ``ModelSummary``, which runs the model once and records every layer
/// call in order with its measured output shape, and from the module tree, which says which
/// layers belong to which block: the layers under one path prefix, called one after another,
/// make one call of the module at that prefix. The library's own recorder stays as it is, so
/// drawing changes nothing an experiment's provenance hashes.
struct ModuleCall {
    /// The module's dotted path in the drawn module, `""` for the drawn module itself.
    var path: String
    /// The class name.
    var type: String
    /// The shape going in.
    var inputShape: [Int]
    /// The shape coming out, as measured.
    var outputShape: [Int]
    /// Trainable scalars of the module and all below it; 0 on a later call of the same module.
    var parameters: Int
    /// The calls inside this one, in call order.
    var calls: [ModuleCall]

    /// Runs `model` on zeros of `input` (`[1, C, H, W]`) once, in evaluation mode without
    /// gradients, and returns the call of the model itself.
    static func trace(_ model: Module, input: [Int]) -> ModuleCall {
        let summary = ModelSummary(of: model, inputShape: input)
        let modules = Dictionary(model.namedModules().map { ($0.name, $0.module) }, uniquingKeysWith: { first, _ in first })
        var builder = Builder(modules: modules)
        var root = builder.call(path: "", rows: summary.rows[...])
        builder.assignInputs(&root, input: input)
        return root
    }

    private struct Builder {
        let modules: [String: Module]
        var seen: Set<String> = []

        /// The call of the module at `path`, made of `rows` (every row's name starts with it).
        mutating func call(path: String, rows: ArraySlice<ModelSummary.Row>) -> ModuleCall {
            let module = modules[path]
            let first = seen.insert(path).inserted
            var calls: [ModuleCall] = []
            var index = rows.startIndex
            while index < rows.endIndex, rows[index].name != path {
                // The next component of the row's path names the child it belongs to; a layer's
                // row is a call of its own, a child's consecutive rows are one call of it.
                let child = Self.child(of: path, in: rows[index].name)
                var end = index + 1
                if child != rows[index].name {
                    while end < rows.endIndex, Self.child(of: path, in: rows[end].name) == child, rows[end].name != child {
                        end += 1
                    }
                }
                calls.append(self.call(path: child, rows: rows[index..<end]))
                index = end
            }
            let row = rows.last
            return ModuleCall(
                path: path, type: module?.typeName ?? row?.type ?? "", inputShape: [],
                outputShape: row?.outputShape ?? [], parameters: first ? module?.parameterCount ?? row?.parameters ?? 0 : 0,
                calls: calls)
        }

        /// Fills in input shapes top down: each call takes what the call before it returned,
        /// except a residual block's shortcut, which takes the block's input, and a
        /// fully connected layer, which takes its input flattened to `[N, features]`.
        func assignInputs(_ call: inout ModuleCall, input: [Int]) {
            call.inputShape = input
            if let linear = modules[call.path] as? Linear, input.count > 2,
               input.dropFirst().reduce(1, *) == linear.inputFeatures {
                call.inputShape = [input[0], linear.inputFeatures]
            }
            let shortcut = ModuleCall.isResidual(modules[call.path]) ? Self.join(call.path, "downsample") : nil
            var flowing = input
            for index in call.calls.indices {
                if call.calls[index].path == shortcut {
                    assignInputs(&call.calls[index], input: input)
                } else {
                    assignInputs(&call.calls[index], input: flowing)
                    flowing = call.calls[index].outputShape
                }
            }
        }

        static func child(of path: String, in name: String) -> String {
            let rest = path.isEmpty ? Substring(name) : name.dropFirst(path.count + 1)
            let component = rest.prefix { $0 != "." }
            return join(path, String(component))
        }

        static func join(_ prefix: String, _ name: String) -> String {
            prefix.isEmpty ? name : "\(prefix).\(name)"
        }
    }

    /// Whether `module` is a residual block that adds its input back.
    static func isResidual(_ module: Module?) -> Bool {
        switch module {
        case let block as BasicBlock: block.isResidual
        case let block as Bottleneck: block.isResidual
        default: false
        }
    }
}
