import ResNetKit
import Testing

/// `count` single-channel images whose pixel values encode (image, row, column), all positive.
private func codedImages(count: Int, side: Int) -> Tensor {
    var values: [Float] = []
    for image in 0..<count {
        for row in 0..<side {
            for column in 0..<side { values.append(Float(1 + image * 10_000 + row * 100 + column)) }
        }
    }
    return Tensor(shape: [count, 1, side, side], values: values)
}

@Suite("RandomCrop and RandomHorizontalFlip")
struct DataAugmentationTests {
    @Test("RandomCrop(28, padding: 4) keeps the shape and shifts each image by at most 4 pixels")
    func cropShiftsWithZeroBorder() {
        let images = codedImages(count: 64, side: 28)
        var generator = RandomGenerator(seed: 1)
        let cropped = RandomCrop(size: 28, padding: 4).apply(to: images, generator: &generator)
        #expect(cropped.shape == [64, 1, 28, 28])
        var sawBorder = false
        for image in 0..<64 {
            // Every kept pixel is the source pixel at one common offset (dy, dx) in -4...4.
            var offset: (Int, Int)?
            var zeros = 0
            for y in 0..<28 {
                for x in 0..<28 {
                    let v = Int(cropped[image, 0, y, x])
                    if v == 0 { zeros += 1; continue }
                    let (sourceImage, sourceRow, sourceColumn) = ((v - 1) / 10_000, (v - 1) % 10_000 / 100, (v - 1) % 100)
                    #expect(sourceImage == image)
                    let shift = (sourceRow - y, sourceColumn - x)
                    if offset == nil { offset = shift }
                    #expect(offset! == shift)
                }
            }
            let (dy, dx) = offset!
            #expect(abs(dy) <= 4 && abs(dx) <= 4)
            // The uncovered border is exactly what the shift exposes, filled with zeros.
            #expect(zeros == 28 * 28 - (28 - abs(dy)) * (28 - abs(dx)))
            if zeros > 0 { sawBorder = true }
        }
        #expect(sawBorder, "64 random crops with padding 4 should show some zero border")
    }

    @Test("padding fills with the requested value; no padding and full size is the identity")
    func fillAndIdentity() {
        let images = codedImages(count: 8, side: 6)
        var generator = RandomGenerator(seed: 2)
        #expect(RandomCrop(size: 6, padding: 0).apply(to: images, generator: &generator) == images)
        let black = FashionMNIST.normalizedBlack
        // A crop as large as the padded image keeps everything and shows the fill all around.
        let padded = RandomCrop(size: 10, padding: 2, fill: black).apply(to: images, generator: &generator)
        #expect(padded.shape == [8, 1, 10, 10])
        #expect(padded[3, 0, 0, 0] == black && padded[3, 0, 9, 9] == black)
        #expect(padded[3, 0, 2, 2] == images[3, 0, 0, 0])
    }

    @Test("a flip is its own inverse and mirrors each row")
    func flipInvolution() {
        let images = codedImages(count: 4, side: 5)
        let once = RandomHorizontalFlip.flipAll(images)
        #expect(once[2, 0, 3, 0] == images[2, 0, 3, 4])
        #expect(once[2, 0, 3, 1] == images[2, 0, 3, 3])
        #expect(RandomHorizontalFlip.flipAll(once) == images)
        var generator = RandomGenerator(seed: 3)
        #expect(RandomHorizontalFlip(probability: 0).apply(to: images, generator: &generator) == images)
    }

    @Test("RandomHorizontalFlip(0.5) flips about half the images, each either whole or not at all")
    func flipHalf() {
        let images = codedImages(count: 400, side: 4)
        var generator = RandomGenerator(seed: 4)
        let out = RandomHorizontalFlip().apply(to: images, generator: &generator)
        let mirrored = RandomHorizontalFlip.flipAll(images)
        var flipped = 0
        for image in 0..<400 {
            let item = out[batch: image..<(image + 1)]
            if item == mirrored[batch: image..<(image + 1)] {
                flipped += 1
            } else {
                #expect(item == images[batch: image..<(image + 1)])
            }
        }
        #expect((160...240).contains(flipped), "flipped \(flipped) of 400")
    }

    @Test("the same seed gives the same augmentation, another seed another one")
    func seededDeterminism() {
        let images = codedImages(count: 32, side: 12)
        let augmentation = Compose([RandomCrop(size: 12, padding: 4), RandomHorizontalFlip()])
        var a = RandomGenerator(seed: 42)
        var b = RandomGenerator(seed: 42)
        var c = RandomGenerator(seed: 43)
        let first = augmentation.apply(to: images, generator: &a)
        #expect(first == augmentation.apply(to: images, generator: &b))
        #expect(first != augmentation.apply(to: images, generator: &c))
        #expect(first.shape == images.shape)
    }
}
