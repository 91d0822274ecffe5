internal import CDNNL

/// One oneDNN primitive, created once for a shape and layout and executed many times.
///
/// It keeps its primitive descriptor, so callers can ask which layouts it chose for each
/// argument, and runs with a scratchpad it allocates per execution ("user" scratchpad mode),
/// which makes executing the same primitive from several threads at once safe.
final class Primitive: @unchecked Sendable {
    // @unchecked: oneDNN primitives and their descriptors are immutable after creation and
    // documented as safe to execute concurrently when the scratchpad is the caller's.

    let descriptor: dnnl_primitive_desc_t
    private let primitive: dnnl_primitive_t
    private let scratchpad: MemoryFormat?
    /// What the primitive computes, for error messages.
    let name: String

    /// Creates the primitive for an operation descriptor (a `dnnl_*_desc_t` passed by pointer).
    ///
    /// - Parameter hint: the forward primitive a backward one must match.
    /// - Parameter postOperations: what the primitive applies to its result before writing it.
    init(name: String, operation: UnsafeRawPointer, hint: Primitive? = nil, postOperations: PostOperations = []) {
        self.name = name
        var attributes: dnnl_primitive_attr_t?
        DNNL.check(dnnl_primitive_attr_create(&attributes), "creating attributes for \(name)")
        defer { dnnl_primitive_attr_destroy(attributes) }
        DNNL.check(dnnl_primitive_attr_set_scratchpad_mode(attributes, dnnl_scratchpad_mode_user), "setting \(name)'s scratchpad")
        if !postOperations.isEmpty {
            var postOps: dnnl_post_ops_t?
            DNNL.check(dnnl_post_ops_create(&postOps), "creating post-operations for \(name)")
            defer { dnnl_post_ops_destroy(postOps) }
            if postOperations.contains(.sum) {
                DNNL.check(dnnl_post_ops_append_sum(postOps, 1), "adding a sum to \(name)")
            }
            if postOperations.contains(.relu) {
                DNNL.check(dnnl_post_ops_append_eltwise(postOps, 1, dnnl_eltwise_relu, 0, 0), "adding a ReLU to \(name)")
            }
            DNNL.check(dnnl_primitive_attr_set_post_ops(attributes, postOps), "attaching post-operations to \(name)")
        }
        var pd: dnnl_primitive_desc_t?
        DNNL.check(
            dnnl_primitive_desc_create(&pd, operation, attributes, DNNL.engine, hint?.descriptor),
            "choosing an implementation of \(name)")
        descriptor = pd!
        var created: dnnl_primitive_t?
        DNNL.check(dnnl_primitive_create(&created, descriptor), "creating \(name)")
        primitive = created!
        let scratch = MemoryFormat.queried(descriptor, dnnl_query_scratchpad_md)
        scratchpad = (scratch?.storageCount ?? 0) > 0 ? scratch : nil
    }

    /// Wraps a primitive descriptor made elsewhere (reorders are created that way).
    init(name: String, descriptor pd: dnnl_primitive_desc_t) {
        self.name = name
        descriptor = pd
        var created: dnnl_primitive_t?
        DNNL.check(dnnl_primitive_create(&created, descriptor), "creating \(name)")
        primitive = created!
        let scratch = MemoryFormat.queried(descriptor, dnnl_query_scratchpad_md)
        scratchpad = (scratch?.storageCount ?? 0) > 0 ? scratch : nil
    }

    deinit {
        dnnl_primitive_destroy(primitive)
        dnnl_primitive_desc_destroy(descriptor)
    }

    /// The layout the primitive chose for an argument (`dnnl_query_src_md`, …), if it has one.
    func format(_ query: dnnl_query_t, index: Int32 = 0) -> MemoryFormat? {
        MemoryFormat.queried(descriptor, query, index: index)
    }

    /// The layout of an argument the primitive is known to have.
    func requiredFormat(_ query: dnnl_query_t, index: Int32 = 0) -> MemoryFormat {
        guard let format = format(query, index: index) else {
            requirementFailure("\(name) has no memory for query \(query.rawValue)")
        }
        return format
    }

    /// One argument of an execution: its oneDNN argument number, buffer and layout.
    struct Argument {
        let index: Int32
        let buffer: AlignedBuffer
        let format: MemoryFormat
    }

    /// Runs the primitive on the given arguments and waits for it.
    func execute(_ arguments: [Argument]) {
        var memories: [dnnl_memory_t?] = []
        memories.reserveCapacity(arguments.count + 1)
        defer { for memory in memories { dnnl_memory_destroy(memory) } }
        var execArguments: [dnnl_exec_arg_t] = []
        func add(_ index: Int32, _ base: UnsafeMutableRawPointer, _ format: MemoryFormat) {
            var memory: dnnl_memory_t?
            var md = format.descriptor
            DNNL.check(dnnl_memory_create(&memory, &md, DNNL.engine, base), "wrapping an argument of \(name)")
            memories.append(memory)
            execArguments.append(dnnl_exec_arg_t(arg: index, memory: memory))
        }
        for argument in arguments {
            require(
                argument.buffer.count >= argument.format.storageCount,
                "\(name): a buffer of \(argument.buffer.count) floats cannot hold \(argument.format)")
            add(argument.index, UnsafeMutableRawPointer(argument.buffer.base), argument.format)
        }
        let scratch = scratchpad.map { AlignedBuffer(count: $0.storageCount) }
        if let scratch, let scratchpad { add(DNNL_ARG_SCRATCHPAD, UnsafeMutableRawPointer(scratch.base), scratchpad) }
        withExtendedLifetime(arguments) {
            withExtendedLifetime(scratch) {
                DNNL.withStream { stream in
                    DNNL.check(
                        dnnl_primitive_execute(primitive, stream, Int32(execArguments.count), execArguments),
                        "executing \(name)")
                }
            }
        }
    }
}

/// Operations oneDNN applies to a primitive's result as it writes it, in this order.
struct PostOperations: OptionSet, Hashable, Sendable {
    let rawValue: UInt8

    /// Adds what the destination held before (a residual sum computed in place).
    static let sum = PostOperations(rawValue: 1)
    /// Then the rectified linear unit.
    static let relu = PostOperations(rawValue: 2)
}

extension MemoryFormat {
    /// The layout a primitive descriptor reports for `query`, or `nil` when it has none.
    static func queried(_ descriptor: dnnl_primitive_desc_t, _ query: dnnl_query_t, index: Int32 = 0) -> MemoryFormat? {
        guard let md = dnnl_primitive_desc_query_md(descriptor, query, index), md.pointee.ndims > 0 else { return nil }
        return MemoryFormat(md.pointee)
    }
}
